/** pinyin-pro's table of Chinese surnames (百家姓, single and compound), shipped without types. */
declare module 'pinyin-pro/dist/esm/data/surname.mjs' {
  const surnames: Record<string, string>;
  export default surnames;
}
