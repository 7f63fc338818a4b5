// The `yaml` package, loaded on first need. Evaluating it costs milliseconds on every start-up
// when it is imported statically (the bundle runs every static import), and only -o yaml, the
// config file, edit's YAML values and import's YAML dumps use it. Async callers load it first;
// the printers, which are synchronous, then take it from here.
type Yaml = typeof import('yaml');

let lib: Yaml | undefined;

/** Loads the yaml package (once). */
export async function loadYaml(): Promise<Yaml> {
  lib ??= await import('yaml');
  return lib;
}

/** The loaded yaml package; a programming error when nothing loaded it first. */
export function yamlLib(): Yaml {
  if (!lib) throw new Error('yaml used before loadYaml()');
  return lib;
}

/** Whether this invocation prints YAML: `-o yaml` on the command line, else ECTL_OUTPUT=yaml. */
export function wantsYaml(
  output: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return (output || env.ECTL_OUTPUT) === 'yaml';
}
