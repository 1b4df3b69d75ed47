#!/usr/bin/env bash
# CI step for an app repository: synthesize afresh and fail when the committed manifests/ differ.
# Because the synthesized YAML is byte-identical from run to run, any difference is a real change that
# someone forgot to synthesize and commit (or a hand edit of generated YAML).
set -euo pipefail
npx cdk8s synth
if ! git diff --exit-code -- manifests/ || [ -n "$(git status --porcelain -- manifests/)" ]; then
  echo "manifests/ is out of date: run 'cdk8s synth' and commit the result" >&2
  exit 1
fi
