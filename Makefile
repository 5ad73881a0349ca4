# The two commands a newcomer needs: `make demo` and `make test`.
# Both install what they need (Rust components) on a fresh machine.

CARGO ?= cargo
export RUSTDOCFLAGS := -D warnings

.PHONY: demo test rust-tools lint vectors-check doc rust-test

## demo: a whole signed request and verified notification/redirect, offline
demo: rust-tools
	$(CARGO) run --package latipay --example demo

## test: every suite: formatting, lints, vector freshness, docs, unit/integration/property tests
test: lint vectors-check doc rust-test

rust-tools:
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust from https://rustup.rs"; exit 1; }
	@$(CARGO) fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@$(CARGO) clippy --version >/dev/null 2>&1 || rustup component add clippy

lint: rust-tools
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

vectors-check:
	python3 tests/vectors/generate.py --check

doc: rust-tools
	$(CARGO) doc --workspace --no-deps --locked

rust-test: rust-tools
	$(CARGO) test --workspace --locked
