import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text asset of the build, so the
 * server sends them precompressed (@fastify/static preCompressed) at the strongest setting.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'tandem-precompress',
    apply: 'build',
    configResolved: (config) => {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: () => {
      const walk = (dir: string): string[] =>
        fs
          .readdirSync(dir, { withFileTypes: true })
          .flatMap((e) =>
            e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
          );
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt|woff)$/.test(file)) continue;
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(data, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
          }),
        );
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
      }
    },
  };
}

/**
 * Writes file names into index.html, onto the start-up script (public/early.js), for it to
 * load them beside the main chunk instead of after it: the big list pages' code (the `lists`
 * chunk and its CSS), which it loads on /initiatives and /portfolio only, and each language's
 * messages (i18n/resources.de.ts, resources.en.ts, their own chunks), of which it loads the one
 * the page starts in.
 */
function namesForEarlyScript(): Plugin {
  return {
    name: 'tandem-early-names',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => {
        const chunks = Object.values(ctx.bundle ?? {}).flatMap((c) =>
          c.type === 'chunk' ? [c] : [],
        );
        const attrs: string[] = [];
        const lists = chunks.find((c) => c.name === 'lists');
        if (lists) {
          attrs.push(`data-lists-js="/${lists.fileName}"`);
          const css = [...(lists.viteMetadata?.importedCss ?? [])][0];
          if (css) attrs.push(`data-lists-css="/${css}"`);
        }
        for (const lang of ['de', 'en']) {
          const file = new RegExp(`[\\\\/]i18n[\\\\/]resources\\.${lang}\\.ts$`);
          const messages = chunks.find((c) => c.facadeModuleId && file.test(c.facadeModuleId));
          if (!messages) throw new Error(`no chunk of its own for the ${lang} messages`);
          attrs.push(`data-messages-${lang}="/${messages.fileName}"`);
        }
        return html.replace(
          '<script src="/early.js">',
          `<script src="/early.js" ${attrs.join(' ')}>`,
        );
      },
    },
  };
}

/**
 * Marks the first screen's code (the main chunk and the list pages' chunk) for V8 to compile
 * whole on its background thread while the file streams in (explicit compile hints,
 * https://v8.dev/blog/explicit-compile-hints), instead of each function on the main thread the
 * first time it runs: nearly all of it runs while the first page draws. Measured in Chromium's
 * trace on the large demo: ~200 ms less main-thread work before the first row. Other chunks
 * keep the default (compiled when called).
 */
function compileHints(): Plugin {
  const HINT = '//# allFunctionsCalledOnLoad\n';
  return {
    name: 'tandem-compile-hints',
    apply: 'build',
    // After Vite's own additions to the chunks (its preload map opens the main chunk).
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler: (_options, bundle) => {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || !(chunk.isEntry || chunk.name === 'lists')) continue;
          chunk.code = HINT + chunk.code;
          // The source map's lines move down by one with the code (the map is already its
          // own file of the bundle here).
          const map = bundle[`${chunk.fileName}.map`];
          if (map?.type === 'asset' && typeof map.source === 'string') {
            const json = JSON.parse(map.source) as { mappings: string };
            json.mappings = `;${json.mappings}`;
            map.source = JSON.stringify(json);
          }
        }
      },
    },
  };
}

/**
 * `vite build --ssr`: the first screen drawn on the server (src/web/ssr.tsx) into
 * dist/web-ssr, outside the folder the server sends files from. One file, loaded once.
 */
const ssrBuild = defineConfig({
  root: 'src/web',
  plugins: [react()],
  // Everything in the one file, React in its production build (not chosen by NODE_ENV at run
  // time), the same versions as the browser's.
  ssr: { noExternal: true },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    ssr: 'ssr.tsx',
    copyPublicDir: false,
    outDir: '../../dist/web-ssr',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: { output: { codeSplitting: false } },
  },
});

const webBuild = defineConfig({
  root: 'src/web',
  plugins: [react(), namesForEarlyScript(), compileHints(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Written for debugging a build, but not referenced from the files nor served (http/web.ts).
    sourcemap: 'hidden',
    manifest: true,
    // The first screen is one file on purpose (~820 kB, ~250 kB gzip; see codeSplitting below).
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Everything the first screen needs in one file instead of twenty small ones: on a
            // busy computer each extra request costs tens of milliseconds before the page draws.
            { name: 'app', tags: ['$initial'], priority: 2 },
            // The two big list pages with what they use beyond that, in one more file.
            {
              name: 'lists',
              test: /[\\/]modules[\\/](initiatives[\\/]InitiativesListPage|health[\\/]PortfolioPage)\.tsx$/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});

export default defineConfig((env) => (env.isSsrBuild ? ssrBuild : webBuild));
