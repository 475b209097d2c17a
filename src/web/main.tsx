import './zod-config.ts'; // first: before any module builds a schema
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App.tsx';
import { RouterProvider } from './router.tsx';
import { LangProvider } from './i18n/index.tsx';
import { queryClient } from './api.ts';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider>
        <LangProvider>
          <App />
        </LangProvider>
      </RouterProvider>
    </QueryClientProvider>
  </StrictMode>,
);
