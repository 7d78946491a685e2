/**
 * The engine's layers, lowest first (docs/ARCHITECTURE.md draws them). A module may import its own layer and
 * the ones below it, never one above: `npm run lint` fails on a back-import with the rule's name and comment.
 * Tests are left out (a test may use test-support and any layer); circles are forbidden anywhere in src/.
 */
const LAYERS = [
  {
    name: 'ground',
    path: '^src/engine/(types|request-number)\\.ts$|^src/engine/ground/',
    what: 'the data model and pure parsers (URL parts, header grammars, cookie facts, the redaction marker)',
  },
  { name: 'facts', path: '^src/engine/(exchange|sso)/', what: 'facts read from one exchange: headers, auth signals, SSO messages' },
  { name: 'redact', path: '^src/engine/redact/', what: 'what is secret and how it is removed' },
  { name: 'intake', path: '^src/engine/intake/', what: 'toExchange: a raw request/response in, a sanitized Exchange out' },
  { name: 'analysis', path: '^src/engine/analysis/', what: 'facts, rules, sessions, status, story' },
  { name: 'readers', path: '^src/engine/(replay|har|transcript)/|^src/engine/index\\.ts$', what: 'replay, HAR and transcript readers and writers, the engine index' },
];

const layerRules = LAYERS.slice(0, -1).map((layer, i) => {
  const above = LAYERS.slice(i + 1);
  return {
    name: `${layer.name}-looks-down-only`,
    comment: `${layer.name} (${layer.what}) may not import ${above.map((l) => l.name).join(', ')}: move the shared piece down a layer, or pass it in.`,
    severity: 'error',
    from: { path: layer.path },
    to: { path: above.map((l) => l.path).join('|') },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules in a circle cannot be understood or tested one at a time: break it by moving the shared piece down.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'engine-stays-pure',
      comment: 'src/engine is used by the worker, the panel and the CLI alike: it never imports an adapter, a UI or the CLI.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/(background|devtools|panel|popup|options|platform|cli)/' },
    },
    ...layerRules,
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$|^src/engine/test-support/' },
  },
};
