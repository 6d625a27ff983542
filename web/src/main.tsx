import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import './app/themeStore';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
