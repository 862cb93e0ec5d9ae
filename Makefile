# Exitgesprek: the two commands of the README are `make run` and `make test`.
# Every target installs what it is missing first (scripts/setup.sh; quick when done).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

TOOLS ?= $(or $(EXIT_TOOLS),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/exitgesprek/tools)
export EXIT_TOOLS := $(TOOLS)
export PATH := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# CI builds once: incremental caches there only cost disk.
ifeq ($(CI),true)
export CARGO_INCREMENTAL := 0
endif

.PHONY: help run test setup setup-browser lint unit-tests theme-eval pg-tests release e2e bench bench-load bundle-size

help:
	@echo "make run   - install what is missing, build, serve http://127.0.0.1:3000 (SQLite in ./data/)"
	@echo "make test  - install what is missing, run every check and test"

## Serve the release build on EXIT_ADDR (default 127.0.0.1:3000) with DATABASE_URL (default ./data/).
run: setup release
	LEPTOS_ENV=PROD EXIT_SITE_ROOT=target/site ./target/release/server serve

## Everything: lint, unit + integration tests (SQLite, and PostgreSQL when TEST_DATABASE_URL
## is set), release build, browser tests, the input-latency benchmark, bundle size.
test: setup-browser lint unit-tests theme-eval pg-tests release e2e bench bundle-size
	@echo "make test: all checks passed"

setup:
	@scripts/setup.sh

setup-browser: setup
	@scripts/setup.sh --browser

lint: setup
	cargo fmt --all -- --check
	cargo clippy --locked -p server -p app --all-targets -- -D warnings
	cargo clippy --locked -p app --lib --target wasm32-unknown-unknown --features hydrate -- -D warnings

unit-tests: setup
	env -u TEST_DATABASE_URL cargo test --locked --workspace

## The theme detector on the corpus: first sight, test-part figures per theme, 5-fold cross-validation.
theme-eval: setup
	THEME_EVAL_CV=1 cargo test --locked -p app --test theme_eval -- --nocapture --color never 2>&1 | grep -v '^\s*\(Compiling\|Finished\|Running\)'

pg-tests: setup
	@if [ -n "$${TEST_DATABASE_URL:-}" ]; then \
	  echo "integration tests against PostgreSQL"; \
	  cargo test --locked --workspace --test '*'; \
	else \
	  echo "TEST_DATABASE_URL not set: PostgreSQL integration tests skipped (.ci/run sets it)"; \
	fi

release: setup
	cargo leptos build --release

e2e: setup-browser release
	cd end2end && npx playwright test --project=tests

## Benchmarks: print figures, assert no timing.
bench: setup-browser release
	cd end2end && npx playwright test --project=bench
	cargo bench --locked -p server --bench sync_ingest
	cargo bench --locked -p server --bench themes
	cargo bench --locked -p server --bench dashboard
	cargo bench --locked -p server --bench load

## Sync under load for a minute per scenario (PostgreSQL too when TEST_DATABASE_URL is set).
bench-load: setup
	LOAD_SECONDS=60 cargo bench --locked -p server --bench load

bundle-size: release
	@scripts/bundle-size.sh target/site/pkg
