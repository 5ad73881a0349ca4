# The two commands a newcomer needs: `make demo` and `make test`.
# Both install what they need (Rust components; for the browser tests, Debian's
# chromium and chromium-driver) on a fresh machine.

CARGO ?= cargo
export RUSTDOCFLAGS := -D warnings
# apt-get needs root: use sudo when not root (and when sudo exists).
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

.PHONY: demo test rust-tools browser-deps lint vectors-check doc rust-test

## demo: a whole payment against the in-process sandbox, online and in store
demo: rust-tools
	$(CARGO) run --locked --package latipay-sandbox --example demo

## test: every suite: formatting, lints, vector freshness, docs, unit/integration/property/e2e/browser tests
test: lint vectors-check doc rust-test

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

doc: rust-tools
	$(CARGO) doc --workspace --no-deps --locked

rust-test: rust-tools browser-deps
	$(CARGO) test --workspace --locked
