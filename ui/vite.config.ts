/// <reference types="vitest/config" />
// Vite builds the webview bundle into ui/dist (tauri.conf.json: frontendDist ../ui/dist).
// The CJK font is referenced from src/app.css by a relative url into src-tauri/core/fonts, so Vite
// emits it into dist/assets at build time: the repository keeps one copy of it.
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  // Tauri serves the bundle from its own origin; relative asset urls work from any base.
  base: "./",
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    // The dev server must read the font from src-tauri/core/fonts, outside ui/.
    fs: { allow: [repoRoot] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Never inline the 8 MB font as a data URL.
    assetsInlineLimit: 4096,
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    mockReset: true,
  },
});
