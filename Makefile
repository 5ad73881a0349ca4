# The two commands a newcomer needs: `make demo` and `make test`.
# Both install what they need (Rust components; for the browser tests, Debian's
# chromium and chromium-driver; for the Python binding, a virtualenv with the
# packages in bindings-python/requirements-dev.txt; for the Node binding, the
# npm packages of its lock file; for the Kotlin binding, a JDK and Maven from
# Debian when missing, and the Maven artifacts of its pom.xml) on a fresh machine.

CARGO ?= cargo
export RUSTDOCFLAGS := -D warnings
# apt-get needs root: use sudo when not root (and when sudo exists).
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

# The Python binding's virtualenv (made with the machine's python3).
PYTHON ?= python3
PY_VENV := bindings-python/.venv
PY := $(PY_VENV)/bin/python

NPM ?= npm
MVN ?= mvn

.PHONY: dist dist-check version-check demo test rust-tools browser-deps lint vectors-check doc rust-test sandbox-bin python-env python-test bench-python node-env node-test bench-node kotlin-env kotlin-test bench-kotlin fuzz-tools fuzz bench

## demo: a whole payment against the in-process sandbox, online and in store
demo: rust-tools
	$(CARGO) run --locked --package latipay-sandbox --example demo

## test: every suite: formatting, lints, vector freshness, docs, unit/integration/property/e2e/browser
## tests in Rust, then the Python binding (stubs, types, pytest), the Node binding (tsc, node --test)
## and the Kotlin binding (JUnit 5 under Maven)
test: lint vectors-check version-check doc rust-test python-test node-test kotlin-test

rust-tools:
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust from https://rustup.rs"; exit 1; }
	@$(CARGO) fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@$(CARGO) clippy --version >/dev/null 2>&1 || rustup component add clippy

browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		echo "installing Debian's chromium and chromium-driver for the pay-page browser tests"; \
		$(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; \
	fi

lint: rust-tools
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

vectors-check:
	python3 tests/vectors/generate.py --check

## version-check: the files that state the release's version agree with Cargo.toml's workspace version
version-check:
	packaging/version-check.sh

doc: rust-tools
	$(CARGO) doc --workspace --no-deps --locked

rust-test: rust-tools browser-deps
	$(CARGO) test --workspace --locked

## sandbox-bin: the sandbox binary the other languages' suites start (target/debug/latipay-sandbox)
sandbox-bin: rust-tools
	$(CARGO) build --locked --package latipay-sandbox

python-env: $(PY_VENV)/.requirements

$(PY_VENV)/.requirements: bindings-python/requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || \
		{ echo "$(PYTHON) is missing or older than 3.10: install Python 3.10 or newer"; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
		echo "installing Debian's python3-venv for the Python binding's virtualenv"; \
		$(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv; }
	$(PYTHON) -m venv $(PY_VENV)
	$(PY) -m pip install --quiet --requirement bindings-python/requirements-dev.txt
	touch $@

# The package as a user installs it (`pip install ./bindings-python`), built by
# the pinned maturin of the virtualenv (on PATH for pip's build hook) rather
# than an unpinned isolated one, with the workspace's Cargo.lock exactly as
# committed (not `locked` in pyproject.toml: the sdist's trimmed workspace
# drops lock entries, which --locked refuses).
PY_INSTALL := MATURIN_PEP517_ARGS=--locked PATH="$(abspath $(PY_VENV))/bin:$$PATH" $(PY) -m pip install --quiet --force-reinstall --no-deps --no-build-isolation ./bindings-python

# The latipay_sandbox wheel (its pytest plugin and the debug executable of
# sandbox-bin, relinked), installed as a user's suite gets it.
PY_SANDBOX_INSTALL := rm -rf target/wheels-dev && $(PY_VENV)/bin/maturin build --locked --quiet -m sandbox/Cargo.toml -o target/wheels-dev && \
	$(PY) -m pip install --quiet --force-reinstall --no-deps --no-index --find-links target/wheels-dev latipay-sandbox

## python-test: install the package and the sandbox's, check their stubs and the examples' types, run pytest
python-test: rust-tools python-env sandbox-bin
	$(PY_INSTALL)
	$(PY_SANDBOX_INSTALL)
	$(PY) -m mypy.stubtest --allowlist bindings-python/stubtest-allowlist.txt latipay
	$(PY) -m mypy --strict --exclude django_shop bindings-python/examples sandbox/python bench/python_bench.py bench/python_held.py
	cd bindings-python/examples/django_shop && ../../.venv/bin/python -m mypy --strict .
	$(PY) -m pytest bindings-python/tests
	$(PY) -m pytest sandbox/python/tests
	cd bindings-python/examples/django_shop && ../../.venv/bin/python -m pytest
	$(PY) bench/python_bench.py --quick
	$(PY) bench/python_held.py --quick

## bench-python: latipay.sign / verify_notification against pure Python (goal: 4x faster)
bench-python: rust-tools python-env
	$(PY_INSTALL)
	$(PY) bench/python_bench.py

node-env: bindings-node/node_modules/.package-lock.json

bindings-node/node_modules/.package-lock.json: bindings-node/package-lock.json
	@command -v node >/dev/null && node -e 'const [a, b, c] = process.versions.node.split(".").map(Number); process.exit(a * 1e6 + b * 1e3 + c < 20018001 ? 1 : 0)' || \
		{ echo "Node.js 20.18.1 or newer is needed for the Node binding (its HTTP client, undici 7, asks for it)"; exit 1; }
	# `npm install` (it keeps to package-lock.json): `npm ci` refuses this lock file,
	# in which npm records only this platform's optional packages of @napi-rs/cli.
	cd bindings-node && $(NPM) install --no-audit --no-fund
	touch $@

## node-test: build the addon and index.d.ts, type-check a typed usage, run node --test (the binding,
## then the sandbox npm package's startSandbox against the cargo-built sandbox)
node-test: rust-tools node-env sandbox-bin
	cd bindings-node && $(NPM) run build
	cd bindings-node && $(NPM) run typecheck
	cd bindings-node && npx tsc -p ../sandbox/npm/test/typed
	cd bindings-node && LATIPAY_SANDBOX_BIN=$(abspath target/debug/latipay-sandbox) node --test --test-reporter=spec test/*.test.js
	LATIPAY_SANDBOX_BIN=$(abspath target/debug/latipay-sandbox) node --test --test-reporter=spec sandbox/npm/test/*.test.js
	node bench/node_bench.js --quick
	node bench/node_held.js --quick

## bench-node: sign / verifyNotification against node:crypto (goal: 3x faster)
bench-node: rust-tools node-env
	cd bindings-node && $(NPM) run build
	node bench/node_bench.js

kotlin-env:
	@if ! command -v $(MVN) >/dev/null || ! command -v javac >/dev/null; then \
		echo "installing Debian's default-jdk-headless and maven for the Kotlin binding"; \
		$(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jdk-headless maven; \
	fi
	@javac -version 2>&1 | awk '{ split($$2, v, "."); exit !(v[1] >= 17) }' || \
		{ echo "the Kotlin binding's tests need JDK 17 or newer (javac -version: $$(javac -version 2>&1))"; exit 1; }

## kotlin-test: the JUnit 5 sandbox extension (tested, installed), then mvn verify: the Rust library,
## the generated Kotlin, JUnit 5 against the sandbox, then the packed jar on its own
kotlin-test: rust-tools kotlin-env sandbox-bin
	LATIPAY_SANDBOX_BIN=$(abspath target/debug/latipay-sandbox) $(MVN) -B --no-transfer-progress -f sandbox/junit/pom.xml install
	cd bindings-kotlin && $(MVN) -B --no-transfer-progress verify
	bench/kotlin_bench.sh --quick

## bench-kotlin: sign / verifyNotification against javax.crypto.Mac
bench-kotlin: rust-tools kotlin-env
	bench/kotlin_bench.sh

## bench: every figure in one run (core criterion benches, client overhead, the sandbox under
## load, the Python, Node and Kotlin ratio benches), written to bench/RESULTS.md
bench: rust-tools python-env node-env kotlin-env
	$(PY_INSTALL)
	cd bindings-node && $(NPM) run build
	$(PY) bench/results.py

## dist: the release artifacts in dist/, cross-built through zig for Linux x86_64 and aarch64:
## python/ (latipay wheels: manylinux2014 and musllinux_1_2; sdist; latipay_sandbox wheels),
## npm/ (latipay, latipay-linux-{x64,arm64}-{gnu,musl}, latipay-sandbox), maven/ (a Maven
## repository: the jar with both Linux libraries, sources jar, javadoc jar, POM)
dist: rust-tools node-env kotlin-env
	rm -rf dist
	packaging/tools.sh
	cd bindings-node && $(NPM) run build
	packaging/python.sh
	packaging/npm.sh
	packaging/maven.sh
	packaging/sandbox.sh
	packaging/sizes.sh

## dist-check: actionlint over the release workflow; every artifact of dist/ installed as a user
## installs it, with no Rust on PATH: the whole Python, Node and Kotlin suites on x86_64 (and the
## sdist built from source); the aarch64 artifacts under qemu in an arm64 Debian root; the platform
## of every library (CPU, glibc floor, musl's loader)
dist-check: kotlin-env
	packaging/tools.sh
	packaging/lint-workflows.sh
	packaging/arm64-root.sh
	packaging/check-tags.sh
	packaging/check-python.sh
	packaging/check-npm.sh
	packaging/check-maven.sh
	packaging/check-arm64.sh

# Fuzzing: libFuzzer through cargo-fuzz on nightly, without a sanitizer (the
# core has no `unsafe`; a panic is what is hunted), 10 million runs per target
# by default. New inputs land in core/fuzz/corpus (ignored by git); the seeds
# in core/fuzz/seeds (from tests/vectors) are read, never written.
FUZZ_TARGETS := notification redirect create_response query_response gateway_data amount
FUZZ_RUNS ?= 10000000
CARGO_FUZZ_VERSION := 0.13.2

fuzz-tools: rust-tools
	@rustup run nightly rustc --version >/dev/null 2>&1 || rustup toolchain install nightly --profile minimal
	@[ "$$($(CARGO) fuzz --version 2>/dev/null)" = "cargo-fuzz $(CARGO_FUZZ_VERSION)" ] || \
		$(CARGO) install cargo-fuzz --locked --version $(CARGO_FUZZ_VERSION)
	@# libfuzzer-sys compiles libFuzzer's C++ sources.
	@command -v g++ >/dev/null || { \
		echo "installing Debian's g++ for libFuzzer"; \
		$(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q g++; }

## fuzz: every parser of what Latipay sends, FUZZ_RUNS runs each, with overflow checks on (a crash
## stops it, prints the end of the target's log core/fuzz/<target>.log, and is kept in core/fuzz/artifacts)
fuzz: SHELL := /bin/bash
fuzz: fuzz-tools
	cd core && for target in $(FUZZ_TARGETS); do \
		mkdir -p fuzz/corpus/$$target && \
		if $(CARGO) +nightly fuzz run --release --debug-assertions --sanitizer none $$target \
			fuzz/corpus/$$target fuzz/seeds/$$target -- -runs=$(FUZZ_RUNS) -print_final_stats=1 \
			> fuzz/$$target.log 2>&1; then \
			grep -E '^Done' fuzz/$$target.log | sed "s/^/$$target: /"; \
		else \
			tail -n 40 fuzz/$$target.log; echo "$$target: FAILED (full log: core/fuzz/$$target.log)"; exit 1; \
		fi; \
	done
