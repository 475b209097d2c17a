import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

// The web app lives in src/web; the build goes to dist/web, which the Fastify server serves.
// Each feature is its own chunk (lazy routes in App.tsx); every asset is also written pre-compressed (.br, .gz)
// so the server sends it without compressing per request. No source maps are published.
export default defineConfig({
  root: 'src/web',
  plugins: [
    react(),
    compression({
      algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip')],
      threshold: 1024,
      deleteOriginalAssets: false,
    }),
  ],
  build: { outDir: '../../dist/web', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
