/** The command-line flags every Chromium the project starts gets (chromium-args.mjs). */
export declare const CHROMIUM_ARGS: string[];
