// Eleventy 3 ships JSDoc, not declarations: the small part this project uses, typed by hand.
declare module '@11ty/eleventy' {
  export interface EleventyPage {
    url: string | false;
    outputPath: string | false;
    inputPath: string;
  }
  export interface UserConfig {
    addFilter(name: string, fn: (...args: any[]) => unknown): void;
    /** A filter for Nunjucks alone, called directly (no universal-filter wrapper). */
    addNunjucksFilter(name: string, fn: (...args: any[]) => unknown): void;
    addTransform(name: string, fn: (this: { page: EleventyPage }, content: string) => string): void;
    addPlugin(plugin: unknown, options?: Record<string, unknown>): void;
    addPassthroughCopy(path: string | Record<string, string>): void;
    setFrontMatterParsingOptions(options: Record<string, unknown>): void;
    setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
    setIncludesDirectory(dir: string): void;
    setLayoutsDirectory(dir: string): void;
    setDataDirectory(dir: string): void;
    setTemplateFormats(formats: string[]): void;
    setUseGitIgnore(use: boolean): void;
    amendLibrary(engine: string, fn: (lib: any) => void): void;
    addGlobalData(name: string, data: unknown): void;
    setQuietMode(quiet: boolean): void;
    /** A template that is not a file (Eleventy 3 virtual templates): content may hold front matter. */
    addTemplate(virtualPath: string, content: string, data?: Record<string, unknown>): void;
    /** Paths (or globs) Eleventy does not read as templates. */
    readonly ignores: { add(path: string): void; delete(path: string): void };
    on(event: string, fn: (...args: any[]) => unknown): void;
    /** Eleventy's timing of each filter and shortcode ("Configuration"), which warns on the console. */
    readonly benchmarks: { config: { setIsVerbose(verbose: boolean): void } };
  }
  export interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string;
    pathPrefix?: string;
    config?: (config: UserConfig) => void | Promise<void>;
  }
  export class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    readonly logger: { overrideLogger(logger: Record<'log' | 'info' | 'warn' | 'error', (message: string) => void>): void };
  }
  export const HtmlBasePlugin: unknown;
}
