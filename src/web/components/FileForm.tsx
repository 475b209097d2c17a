/** A file chooser with one submit button (upload pages): the button works once a file is chosen. */
import type { ReactNode } from 'react';

export function FileForm(props: {
  id: string;
  label: string;
  accept: string;
  submit: string;
  file: File | null;
  busy: boolean;
  onFile: (file: File | null) => void;
  onSubmit: () => void;
}): ReactNode {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (props.file) props.onSubmit();
      }}
    >
      <label htmlFor={props.id}>{props.label}</label>{' '}
      <input
        id={props.id}
        type="file"
        accept={props.accept}
        onChange={(e) => props.onFile(e.target.files?.[0] ?? null)}
      />{' '}
      <button type="submit" disabled={!props.file || props.busy}>
        {props.submit}
      </button>
    </form>
  );
}
