#!/usr/bin/env bash
# latipay's Kotlin binding against javax.crypto.Mac on the JVM, in one run:
#   bench/kotlin_bench.sh           # the full run (about a minute)
#   bench/kotlin_bench.sh --quick   # a smoke run
# Builds what it needs through Maven (bindings-kotlin/pom.xml), tests skipped.
# (Options reach the program as a system property: `exec.args` would also
# replace the arguments of the build's own exec steps.)
set -euo pipefail
cd "$(dirname "$0")/../bindings-kotlin"
quick=false
[[ "${1:-}" == --quick ]] && quick=true
mvn -B --quiet --no-transfer-progress -Dstyle.color=never -DskipTests test-compile exec:java \
  -Dexec.mainClass=io.latipay.bench.JvmBenchKt -Dexec.classpathScope=test \
  -Dlatipay.workspace="$(cd .. && pwd)" -Dlatipay.bench.quick="$quick"
