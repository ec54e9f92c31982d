import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadConfig } from './lib/config';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
loadConfig()
  .then((config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  )
  .catch((err: unknown) => {
    root.render(
      <main>
        <h1>MAMIS</h1>
        <p role="alert">
          設定を読み込めませんでした / The portal's configuration could not be loaded: {String(err)}
        </p>
      </main>,
    );
  });
