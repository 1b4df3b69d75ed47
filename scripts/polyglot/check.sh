#!/usr/bin/env bash
# `npm run consumer-check:polyglot [-- python java go]`: the Python, Java and Go packages as users get them.
#
# Needs `npx projen package-all` (dist/python, dist/java, dist/go and the registry stand-ins of
# scripts/polyglot/deps.sh) and `npm run synth-examples` (dist/examples) first. For each language, a brand-new
# cdk8s app of that language, in .cache/polyglot/<language> (git-ignored, rebuilt from nothing each run):
#   python  a venv; pip installs dist/python's wheel and cdk8s, cdk8s-plus-27, constructs from PyPI
#   java    a Maven project; our jar from dist/java (a Maven repository), cdk8s, constructs and the jsii runtime
#           from Maven Central (cdk8s-plus-27 from the local repository deps.sh filled: Maven Central lacks it)
#   go      a Go module; `replace` points our module at dist/go, the rest comes from the Go module proxy (the
#           cdk8s-team modules from deps.sh's file-based proxy: the Go module proxy refuses them here)
# with cdk8s, cdk8s-plus-27 and constructs pinned to the versions in node_modules. Each app:
#   1. rebuilds examples/kubia-nodeport and examples/sample-ingress with the same props (scripts/polyglot/<lang>/)
#      and its YAML must be byte-identical to the TypeScript example's (dist/examples/<example>/*.yaml);
#   2. makes a mistake (node port 80) and the error the user sees must name the finding code and the fix,
#      in the language's own form (exception / panic), without the JavaScript stack of the bridge;
#   3. the README shows the kubia-nodeport program of each language verbatim (checked here).
set -Eeuo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here="$root/scripts/polyglot"
cache="$root/.cache/polyglot"
mkdir -p "$cache"
langs=("$@")
[ "${#langs[@]}" -gt 0 ] || langs=(python java go)
examples=(kubia-nodeport sample-ingress)
version() { node -p "require('./node_modules/$1/package.json').version"; }
self_v="$(node -p "require('./package.json').version")"
cdk8s_v="$(version cdk8s)"
plus_v="$(version cdk8s-plus-27)"
constructs_v="$(version constructs)"
code=SP_NODE_PORT_RANGE
fix='Fix: pick a port between 30000 and 32767'
failures=0
passed=0
summary=()

fail() { echo "consumer-check:polyglot: FAILED: $*" >&2; failures=$((failures + 1)); }

for example in "${examples[@]}"; do
  if ! ls "dist/examples/$example"/*.yaml >/dev/null 2>&1; then
    echo "consumer-check:polyglot: no dist/examples/$example/*.yaml; run \`npm run synth-examples\` first" >&2
    exit 2
  fi
done

# compare LANG EXAMPLE OUTDIR: the same file names, each byte-identical to the TypeScript example's.
compare() {
  local lang="$1" example="$2" out="$3" want got f
  want="$(cd "dist/examples/$example" && ls -- *.yaml)"
  got="$(cd "$out" 2>/dev/null && ls -- *.yaml 2>/dev/null || true)"
  if [ "$want" != "$got" ]; then
    fail "$lang $example: wrote [$(echo $got)], the TypeScript example wrote [$(echo $want)]"
    return
  fi
  for f in $want; do
    if ! cmp -s "dist/examples/$example/$f" "$out/$f"; then
      fail "$lang $example: $f differs from dist/examples/$example/$f"
      diff -u "dist/examples/$example/$f" "$out/$f" | head -40 >&2 || true
      return
    fi
  done
  passed=$((passed + 1))
  echo "  $lang $example: $(echo $want) byte-identical to dist/examples/$example ($(cat "$out"/*.yaml | wc -c) bytes)"
}

# mistake LANG OUTPUT_FILE STATUS HEADLINE: what the user sees when the app fails. It must carry the finding's line
# (code and fix on one line, as the library renders it) under the language's own headline (HEADLINE, an extended
# regex for the line that starts the exception / panic), and no JavaScript stack frame but the jsii kernel's own
# (its RuntimeError wrapper adds a few; a frame of the library or of cdk8s would mean a stack leaked through).
mistake() {
  local lang="$1" log="$2" status="$3" headline="$4" lines jsframes foreign
  lines="$(wc -l < "$log")"
  jsframes="$(grep -cE '^\s+at .*[.]js:[0-9]+:[0-9]+\)?$' "$log" || true)"
  foreign="$(grep -E '^\s+at .*[.]js:[0-9]+:[0-9]+\)?$' "$log" | grep -vcE '/lib/program[.]js:[0-9]+:[0-9]+\)?$|\(node:internal/' || true)"
  echo "  $lang node-port mistake: exit status $status, $lines lines on stdout+stderr, $jsframes JavaScript stack frames (all of the jsii kernel: $([ "$foreign" -eq 0 ] && echo yes || echo no)); the user sees:"
  sed 's/^/    | /' "$log"
  if [ "$status" -eq 0 ]; then fail "$lang mistake: the app exited 0"; return; fi
  grep -qE "$headline" "$log" || { fail "$lang mistake: no line matches /$headline/"; return; }
  grep -F "$code" "$log" | grep -qF "$fix" || { fail "$lang mistake: no line names $code with the fix ($fix)"; return; }
  if [ "$foreign" -gt 0 ]; then fail "$lang mistake: $foreign JavaScript stack frames beyond the jsii kernel's reach the user"; return; fi
  passed=$((passed + 1))
}

# readme FILE: the README shows the program verbatim.
readme() {
  if python3 -c 'import sys; sys.exit(0 if open(sys.argv[2]).read() in open(sys.argv[1]).read() else 1)' README.md "$1"; then
    passed=$((passed + 1))
    echo "  README shows ${1#"$root"/} verbatim"
  else
    fail "README.md does not show ${1#"$root"/} verbatim (copy it into the README's Python, Java and Go section)"
  fi
}

check_python() {
  local work="$cache/python" wheel
  wheel="$(ls dist/python/*.whl 2>/dev/null | head -1 || true)"
  [ -n "$wheel" ] || { fail "python: no wheel in dist/python; run \`npx projen package-all\` (or package:python)"; return; }
  rm -rf "$work" && mkdir -p "$work"
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check "$root/$wheel" \
    "cdk8s==$cdk8s_v" "cdk8s-plus-27==$plus_v" "constructs==$constructs_v"
  echo "  python: $("$work/venv/bin/pip" freeze | grep -iE '^(cdk8s|constructs|jsii)' | tr '\n' ' ')"
  (cd "$work" && CDK8S_OUTDIR="$work/out/kubia-nodeport" venv/bin/python "$here/python/kubia_nodeport.py")
  compare python kubia-nodeport "$work/out/kubia-nodeport"
  (cd "$work" && CDK8S_OUTDIR="$work/out/sample-ingress" venv/bin/python "$here/python/sample_ingress.py")
  compare python sample-ingress "$work/out/sample-ingress"
  local status=0
  (cd "$work" && CDK8S_OUTDIR="$work/out/mistake" venv/bin/python "$here/python/node_port_mistake.py") > "$work/mistake.txt" 2>&1 || status=$?
  mistake python "$work/mistake.txt" "$status" '^RuntimeError: cdk8s-service-patterns: 1 problem found at synth$'
  readme "$here/python/kubia_nodeport.py"
}

check_java() {
  local work="$cache/java" m2 cp
  m2="$cache/m2"
  [ -d dist/java ] || { fail "java: no dist/java; run \`npx projen package-all\` (or package:java)"; return; }
  rm -rf "$work" && mkdir -p "$work"
  cp -r "$here/java/." "$work/"
  # our package is re-read from dist/java every run (same version number, new build)
  rm -rf "$m2/io/github/cdk8s-service-patterns"
  (cd "$work" && mvn -q -B "-Dmaven.repo.local=$m2" "-Ddist.java=file://$root/dist/java" \
    "-Dservice-patterns.version=$self_v" "-Dcdk8s.version=$cdk8s_v" "-Dcdk8s-plus-27.version=$plus_v" \
    "-Dconstructs.version=$constructs_v" compile dependency:build-classpath -Dmdep.outputFile=classpath.txt)
  cp="$work/target/classes:$(cat "$work/classpath.txt")"
  echo "  java: $(tr ':' '\n' < "$work/classpath.txt" | grep -oE '(cdk8s|cdk8s-plus-27|constructs|jsii-runtime|cdk8s-service-patterns)-[0-9][^/]*\.jar' | tr '\n' ' ')"
  (cd "$work" && CDK8S_OUTDIR="$work/out/kubia-nodeport" java -cp "$cp" com.example.KubiaNodePort)
  compare java kubia-nodeport "$work/out/kubia-nodeport"
  (cd "$work" && CDK8S_OUTDIR="$work/out/sample-ingress" java -cp "$cp" com.example.SampleIngress)
  compare java sample-ingress "$work/out/sample-ingress"
  local status=0
  (cd "$work" && CDK8S_OUTDIR="$work/out/mistake" java -cp "$cp" com.example.NodePortMistake) > "$work/mistake.txt" 2>&1 || status=$?
  mistake java "$work/mistake.txt" "$status" '^Exception in thread "main" [A-Za-z.]+: cdk8s-service-patterns: 1 problem found at synth$'
  readme "$here/java/src/main/java/com/example/KubiaNodePort.java"
}

check_go() {
  local work="$cache/go" runtime_v
  [ -f dist/go/cdk8sservicepatterns/go.mod ] || { fail "go: no dist/go/cdk8sservicepatterns; run \`npx projen package-all\` (or package:go)"; return; }
  rm -rf "$work" && mkdir -p "$work"
  cp -r "$here/go/." "$work/"
  local ours module
  ours="$root/dist/go/cdk8sservicepatterns"
  module="$(sed -n 's/^module //p' "$ours/go.mod")"
  runtime_v="$(grep -oE 'github.com/aws/jsii-runtime-go v[0-9.]+' "$ours/go.mod" | cut -d' ' -f2)"
  cat > "$work/go.mod" <<GOMOD
module example.com/consumer-app

go 1.23

require (
	github.com/aws/constructs-go/constructs/v10 v$constructs_v
	github.com/aws/jsii-runtime-go $runtime_v
	$module v$self_v
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v$cdk8s_v
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2 v$plus_v
)

replace $module => $ours
GOMOD
  export GOPROXY GONOSUMDB GOMODCACHE GOFLAGS=-mod=mod
  GOPROXY="$(bash "$here/env.sh" GOPROXY)"
  GONOSUMDB="$(bash "$here/env.sh" GONOSUMDB)"
  GOMODCACHE="$(bash "$here/env.sh" GOMODCACHE)"
  (cd "$work" && go mod tidy && go build -o bin/ ./...)
  echo "  go: $(cd "$work" && go list -m all | grep -E 'cdk8s|constructs|jsii' | tr '\n' ' ')"
  (cd "$work" && CDK8S_OUTDIR="$work/out/kubia-nodeport" bin/kubia-nodeport)
  compare go kubia-nodeport "$work/out/kubia-nodeport"
  (cd "$work" && CDK8S_OUTDIR="$work/out/sample-ingress" bin/sample-ingress)
  compare go sample-ingress "$work/out/sample-ingress"
  local status=0
  (cd "$work" && CDK8S_OUTDIR="$work/out/mistake" bin/node-port-mistake) > "$work/mistake.txt" 2>&1 || status=$?
  mistake go "$work/mistake.txt" "$status" '^panic: .*cdk8s-service-patterns: 1 problem found at synth$'
  readme "$here/go/kubia-nodeport/main.go"
}

current=""
trap 'echo "consumer-check:polyglot: FAILED: the $current check stopped at a failing command (see above)" >&2' ERR
for lang in "${langs[@]}"; do
  case "$lang" in python|java|go) ;; *) echo "usage: check.sh [python] [java] [go]" >&2; exit 2 ;; esac
  echo "consumer-check:polyglot: $lang (cdk8s $cdk8s_v, cdk8s-plus-27 $plus_v, constructs $constructs_v)"
  current="$lang"
  start=$SECONDS
  "check_$lang"
  summary+=("$lang $((SECONDS - start)) s")
done
echo "consumer-check:polyglot: times: ${summary[*]}"
trap - ERR
echo "polyglot: $passed passed, $failures failed"
if [ "$failures" -gt 0 ]; then exit 1; fi
