import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { RouterProvider } from './router.tsx';
import { LangProvider } from './i18n/index.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider>
      <LangProvider>
        <App />
      </LangProvider>
    </RouterProvider>
  </StrictMode>,
);
