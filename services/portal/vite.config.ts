import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The portal is a static single-page application; its server adds /config.json (server/). */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
