import { cdk8s, javascript, JsonFile } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-service-patterns',
  description:
    'Typed cdk8s constructs for the classic Kubernetes Service and Ingress patterns: headless StatefulSet services, ExternalName aliases, manual endpoints, exposed apps and TLS ingress, validated at synth time.',
  author: 'cdk8s-service-patterns maintainers',
  authorAddress: 'maintainers@example.com',
  repositoryUrl: 'https://github.com/cdk8s-service-patterns/cdk8s-service-patterns.git',
  keywords: ['cdk8s', 'kubernetes', 'service', 'ingress', 'endpointslice', 'statefulset', 'headless'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  // cdk8s 2 / constructs 10 are peer dependencies of a construct library (and dev dependencies for the build).
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  peerDeps: ['cdk8s-plus-27@^2.9.5'],
  devDeps: [
    'cdk8s-plus-27@^2.9.5', 'kubernetes-models@^4.5.1', 'ts-node', 'node-forge', '@types/node-forge', 'fast-check', 'cdk8s-cli',
    // the test helper evaluates the Gateway API CRDs' CEL rules (x-kubernetes-validations)
    '@bufbuild/cel@^0.6.1', '@bufbuild/protobuf@^2.6.2', '@bufbuild/re2@0.6.1', 'yaml@^2',
    // a workload of a current cdk8s-plus (what `cdk8s init` scaffolds) fronted by this library's constructs, in tests
    'cdk8s-plus-33@^2.5.57',
    // mutation testing (`npm run mutation`); 9.6 is the last line that runs on Node 20
    '@stryker-mutator/core@9.6.0', '@stryker-mutator/jest-runner@9.6.0',
  ],

  // jsii targets: the API stays usable from Python, Java, .NET and Go (jsii checks it at every compile).
  // Only the npm package is built here (CI packages js only); the other packages need their toolchains and
  // registries, see README "Packages".
  publishToPypi: { distName: 'cdk8s-service-patterns', module: 'cdk8s_service_patterns' },
  publishToMaven: {
    javaPackage: 'io.github.cdk8s_service_patterns',
    mavenGroupId: 'io.github.cdk8s-service-patterns',
    mavenArtifactId: 'cdk8s-service-patterns',
  },
  publishToNuget: { dotNetNamespace: 'Cdk8s.ServicePatterns', packageId: 'Cdk8s.ServicePatterns' },
  publishToGo: { moduleName: 'github.com/cdk8s-service-patterns/cdk8s-service-patterns-go' },

  // The repository's CI is `.ci/run`; no GitHub-specific automation.
  github: false,
  release: false,
  depsUpgrade: false,
  sampleCode: false,
  docgen: true,

  // ts-jest only transpiles (isolatedModules); type-check the tests as part of `test`.
  typecheckTests: true,
  jestOptions: {
    // Snapshots never update themselves: `test` runs with --ci so a missing or changed snapshot fails.
    // Updating snapshots is the separate, deliberate `test:update-snapshots` task.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // generated Gateway API classes (src/imports) are not ours to cover
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/'],
      // the GitOps starter imports the package by name, as a copied-out repository does: here it is the sources
      moduleNameMapper: { '^cdk8s-service-patterns$': '<rootDir>/src/index.ts' },
    },
  },
  gitignore: ['.DS_Store', '/examples/*/dist/', '/bench/results-quick.json', '/reports/', '/.stryker-tmp/'],
});

// The npm registry this project installs from lacks some platform bindings of unrs-resolver 1.13 (an eslint
// import-resolver dependency), which leaves package-lock.json incomplete and `npm ci` refusing it. 1.12.2 is
// complete for every platform.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// Type-checking configs for the example apps and repository scripts (they are not part of the jsii build).
for (const dir of ['examples', 'scripts', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      // examples/gitops imports the package by name, as a repository copied out of it does
      compilerOptions: { rootDir: '..', noEmit: true, baseUrl: '..', paths: { 'cdk8s-service-patterns': ['src/index.ts'] } },
      include: ['**/*.ts'],
      exclude: ['node_modules'],
    },
  });
  project.eslint?.addLintPattern(dir);
}

// Examples, repository scripts and CI are not part of the npm package, nor are local caches (.cache: the
// apiserver build, the polyglot registries' stand-ins), which jsii-pacmak would otherwise pack into every package.
project.npmignore?.exclude('/examples/', '/scripts/', '/.ci/', '/crds/', '/stryker.config.json', '/reports/', '/.stryker-tmp/', '/.cache/', '/bench/');

// Synthesizes every app under examples/ into dist/examples/<example>/.
project.addTask('synth-examples', {
  description: 'Synthesize every example app under examples/ into dist/examples/<example>/',
  exec: 'ts-node --project scripts/tsconfig.json scripts/synth-examples.ts',
});

// The packed npm tarball installed into a brand-new cdk8s app that uses every construct and runs
// `cdk8s synth` (run `npx projen package:js` first). `-- --cdk8s <version>` picks the cdk8s version.
project.addTask('consumer-check', {
  description: 'Install the packed tarball into a fresh cdk8s app, synth it with the cdk8s CLI and check the YAML',
  exec: 'ts-node --project scripts/tsconfig.json scripts/consumer-check.ts',
  receiveArgs: true,
});

// Python, Java and Go packages (issue 17). `package-all` builds every jsii target whose toolchain this machine has:
// .NET stays a configured target (jsii checks its names at every compile; `npx projen package:dotnet` builds it
// where the .NET SDK is installed) but is skipped when `dotnet` is not on the PATH. Before Java and Go,
// `package:polyglot-deps` builds the cdk8s / cdk8s-plus-27 bindings that this machine's registries refuse
// (Maven Central lacks org.cdk8s:cdk8s-plus-27, the Go module proxy refuses the cdk8s-team modules) from the
// same npm packages with the same jsii-pacmak, into .cache/polyglot (a Maven local repository and a file-based Go
// module proxy, tried before the real registries): see scripts/polyglot/deps.sh.
const packageAll = project.tasks.tryFind('package-all')!;
packageAll.reset();
packageAll.spawn(project.tasks.tryFind('package:js')!);
packageAll.spawn(project.addTask('package:polyglot-deps', {
  description: 'Build the cdk8s / cdk8s-plus-27 Java and Go bindings that Maven Central / the Go module proxy refuse here, into .cache/polyglot',
  exec: 'bash scripts/polyglot/deps.sh',
}));
for (const lang of ['java', 'python', 'dotnet', 'go']) {
  const task = project.tasks.tryFind(`package:${lang}`)!;
  if (lang === 'dotnet') {
    packageAll.exec('echo "package-all: no dotnet on the PATH, skipping package:dotnet"', { condition: '! command -v dotnet >/dev/null' });
    packageAll.spawn(task, { condition: 'command -v dotnet >/dev/null' });
  } else {
    packageAll.spawn(task);
  }
}
// Maven and Go find those locally built bindings (and nothing else) there; see scripts/polyglot/env.sh.
project.tasks.tryFind('package:java')!.env('MAVEN_OPTS', '$(bash scripts/polyglot/env.sh MAVEN_OPTS)');
project.tasks.tryFind('package:go')!.env('GOPROXY', '$(bash scripts/polyglot/env.sh GOPROXY)');
project.tasks.tryFind('package:go')!.env('GONOSUMDB', '$(bash scripts/polyglot/env.sh GONOSUMDB)');
project.tasks.tryFind('package:go')!.env('GOMODCACHE', '$(bash scripts/polyglot/env.sh GOMODCACHE)');

// The built Python, Java and Go packages used by a real cdk8s app of each language (run `npx projen package-all`
// first): two examples rebuilt byte for byte, and a mistake's error as the user sees it. `-- python java go`.
project.addTask('consumer-check:polyglot', {
  description: 'Python, Java and Go cdk8s apps that install dist/python, dist/java, dist/go: examples byte-identical, readable errors',
  exec: 'bash scripts/polyglot/check.sh',
  receiveArgs: true,
});

// An app laid out as `cdk8s init typescript-app` makes it today (cdk8s-plus-33, strict tsconfig) with cdk8s-plus-33
// workloads fronted by this library's constructs (run `npx projen package:js` first).
project.addTask('consumer-check:init', {
  description: 'A cdk8s-init-style app with cdk8s-plus-33 workloads fronted by this library, synthesized with the cdk8s CLI',
  exec: 'ts-node --project scripts/tsconfig.json scripts/consumer-check-init.ts',
});

// examples/gitops copied out as a repository, with the packed package: cdk8s synth reproduces its manifests/.
project.addTask('gitops-check', {
  description: 'Copy examples/gitops out, install the packed package, cdk8s synth, compare with the committed manifests/',
  exec: 'ts-node --project scripts/tsconfig.json scripts/gitops-check.ts',
});

// The validation plugin in a plain cdk8s app through the cdk8s CLI: fails with the findings, passes once fixed
// (run `npx projen package:js` first).
project.addTask('plugin-check', {
  description: 'A cdk8s app of plain ApiObjects names the plugin in cdk8s.yaml; cdk8s synth must fail on its findings and pass once fixed',
  exec: 'ts-node --project scripts/tsconfig.json scripts/plugin-check.ts',
});

// The benchmark (not a test): `npm run bench` (a few minutes), `npm run bench -- --quick` (N = 100 smoke run).
project.addTask('bench', {
  description: 'Benchmark synth cost against hand-written ApiObjects and cdk8s-plus-27; writes bench/results.json',
  exec: 'ts-node --project bench/tsconfig.json bench/run.ts',
  receiveArgs: true,
});

// Property-based fuzzing beyond the bounded run in `npm test`: `npm run fuzz -- --runs 10000 --seed 42`.
project.addTask('fuzz', {
  description: 'Fuzz every construct with generated props and print how many cases ran, passed and failed',
  exec: 'ts-node --project test/tsconfig.json test/fuzz/run.ts',
  receiveArgs: true,
});

// A real kube-apiserver (v1.35 + etcd v3.6, built from the Go module proxy into .cache/apiserver, started on
// 127.0.0.1 only) judges every manifest of the examples and the unit tests, plus negative controls and real
// creates of the App-wide rules' conflicts. Needs Go >= 1.26 and openssl; the first run builds for minutes.
project.addTask('test:apiserver', {
  description: 'Send every manifest we emit to a real local kube-apiserver (dry run, strict) and create the App-wide conflicts for real',
  exec: 'bash scripts/apiserver/test.sh',
});

// Typed classes for the Gateway API kinds this library emits, generated offline by `cdk8s import` from the
// v1.6.1 standard CRDs in crds/ (copied from ../shared). Committed, never hand-edited, internal (not exported from src/index.ts),
// and kept out of lint and coverage.
project.addTask('import-gateway-api', {
  description: 'Regenerate src/imports/gateway.networking.k8s.io.ts from crds/gateway-api-v1.6.1 (cdk8s import)',
  exec: 'ts-node --project scripts/tsconfig.json scripts/import-gateway-api.ts',
});
project.eslint?.addIgnorePattern('src/imports/');

// Mutation testing of the rules (Stryker, jest runner; not part of CI: it takes long). Config: stryker.config.json.
project.addTask('mutation', {
  description: 'Mutation-test the rules under src/private with Stryker and print the score and the surviving mutants',
  exec: 'stryker run',
  receiveArgs: true,
});

project.synth();
