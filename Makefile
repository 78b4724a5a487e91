# SQM — the two commands a newcomer needs:
#   make run    install what is missing, build, open the app on the demo workspace
#   make test   install what is missing, run every test (Rust, UI, end-to-end in real WebKit)
# Each install step checks first and installs only what is missing (apt through sudo when not root).

SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help run test deps deps-apt deps-npm deps-tools deps-e2e ui app cli demo bindings \
        test-rust test-ui test-e2e lint audit fmt bench bundle clean fuzz deps-fuzz deps-deny

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
OUT := .out
APT_PKGS := libwebkit2gtk-4.1-dev xvfb xauth webkit2gtk-driver imagemagick poppler-utils pkg-config build-essential python3-venv
TAURI_DRIVER_VERSION := 2.1.0
SELENIUM_VERSION := 4.27.1
CARGO_HOME ?= $(HOME)/.cargo
CARGO_BIN := $(CARGO_HOME)/bin
APP_BIN := target/debug/sqm-app
SQM := target/debug/sqm

help:
	@echo "make run     install what is missing, build, open SQM on the demo workspace"
	@echo "make test    install what is missing and run every test"
	@echo "make bench   measure import and metrics speed (release build)"
	@echo "make bundle  build the .deb package"
	@echo "make fuzz    fuzz every importer (FUZZ_SECONDS per target, default 600; nightly Rust)"
	@echo "make audit   dependency checks: licences, bans, sources, advisories, npm audit (part of lint)"

# --- prerequisites ---------------------------------------------------------------------------

deps: deps-apt deps-npm

deps-apt:
	@missing=$$(for p in $(APT_PKGS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

deps-npm: ui/node_modules/.installed

ui/node_modules/.installed: ui/package-lock.json ui/package.json
	npm ci --prefix ui --no-audit --no-fund
	touch $@

deps-tools:
	@if ! [ -x "$(CARGO_BIN)/tauri-driver" ] || ! "$(CARGO_BIN)/tauri-driver" --version 2>/dev/null | grep -q "$(TAURI_DRIVER_VERSION)"; then \
	  cargo install tauri-driver --locked --version $(TAURI_DRIVER_VERSION); \
	fi

deps-e2e: deps-apt deps-tools $(OUT)/venv/.installed

$(OUT)/venv/.installed:
	python3 -m venv $(OUT)/venv
	$(OUT)/venv/bin/pip install -q selenium==$(SELENIUM_VERSION)
	touch $@

# cargo-fuzz needs the nightly toolchain (libFuzzer instrumentation).
CARGO_FUZZ_VERSION := 0.13.2
deps-fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@"$(CARGO_BIN)/cargo-fuzz" --version 2>/dev/null | grep -q "$(CARGO_FUZZ_VERSION)" || \
	  cargo install cargo-fuzz --locked --version $(CARGO_FUZZ_VERSION)

# cargo-deny for `make audit` (a one-time build of ~6 minutes on two cores).
CARGO_DENY_VERSION := 0.20.2
deps-deny:
	@"$(CARGO_BIN)/cargo-deny" --version 2>/dev/null | grep -q "$(CARGO_DENY_VERSION)" || \
	  cargo install cargo-deny --locked --version $(CARGO_DENY_VERSION)

# --- builds ----------------------------------------------------------------------------------

ui: deps-npm
	npm --prefix ui run build

cli:
	cargo build -p sqm-cli

# The shell embeds ui/dist; custom-protocol makes it serve that instead of the dev server.
app: deps ui
	cargo build -p sqm-app --features custom-protocol

bindings: cli
	rm -rf ui/src/bindings && $(SQM) bindings ui/src/bindings

demo: cli
	mkdir -p $(OUT) && $(SQM) demo --out $(OUT)/demo.sqm --force

# Opens the last workspace, or on first start the demo workspace (created in the app data dir).
run: app
	$(APP_BIN)

bundle: deps ui
	npm --prefix ui run tauri -- build --bundles deb

# --- tests -----------------------------------------------------------------------------------

test: deps lint test-rust test-ui test-e2e bench-smoke
	@echo "all tests passed"

lint: deps-deny
	cargo fmt --all -- --check
	cargo clippy -p sqm-core -p sqm-cli -p sqm-tests --all-targets -- -D warnings
	@$(MAKE) --no-print-directory audit

# Dependency checks (deny.toml): licences, banned/duplicate crates (duplicates warn) and sources
# always. The RustSec advisory database (a git repository on GitHub) and npm's audit service
# are checked when they can be reached; offline, each is skipped with a note. npm audit fails
# on high or critical vulnerabilities in the UI's production dependencies.
# `cargo deny check bans` lists the duplicates the summary counts.
audit: deps-deny
	cargo deny --log-level error --locked check --show-stats licenses bans sources
	@if timeout 30 cargo deny fetch db >/dev/null 2>&1; then \
	  echo "cargo deny --log-level error --locked check --show-stats advisories"; \
	  cargo deny --log-level error --locked check --show-stats advisories; \
	else \
	  echo "advisories skipped: advisory database unreachable (offline)"; \
	fi
	@echo "npm audit --omit=dev --audit-level=high"; \
	out=$$(cd ui && timeout 60 npm audit --omit=dev --audit-level=high 2>&1); rc=$$?; \
	if [ $$rc -eq 0 ]; then \
	  echo "$$out"; \
	elif [ $$rc -eq 124 ] || grep -q "audit endpoint returned an error" <<<"$$out"; then \
	  echo "npm audit skipped: registry audit endpoint unreachable (offline)"; \
	else \
	  echo "$$out"; exit 1; \
	fi

test-rust:
	cargo build -p sqm-cli
	cargo test -p sqm-core -p sqm-cli -p sqm-tests

test-ui: deps-npm
	npm --prefix ui run check
	npm --prefix ui test

test-e2e: deps-e2e app cli
	$(OUT)/venv/bin/python tests/e2e/run.py --app $(APP_BIN) --sqm $(SQM) --driver $(CARGO_BIN)/tauri-driver --out $(OUT)/e2e

fmt:
	cargo fmt --all

BENCH_VENV := $(OUT)/bench-venv

# Release builds of the CLI and the app, the peers' venv, then 10k/100k/1M tickets against DuckDB and
# pandas; writes BENCHMARKS.md and docs/bench/bench.svg (tests/bench/README.md).
bench: deps ui bench-venv
	cargo build --release -p sqm-cli
	cargo build --release -p sqm-app --features custom-protocol
	python3 tests/bench/bench.py --sqm target/release/sqm --app target/release/sqm-app \
	  --peers-python $(BENCH_VENV)/bin/python --out $(OUT)/bench --sizes 10000,100000,1000000 --runs 3 \
	  --benchmarks-md BENCHMARKS.md --chart docs/bench/bench.svg

# The harness itself, small and on the debug build (part of `make test`): 10k tickets, one run, peers
# included, no app; fails on any failed step or check. Writes only into $(OUT)/bench-smoke.
.PHONY: bench-smoke bench-venv
bench-smoke: cli bench-venv
	python3 tests/bench/bench.py --sqm $(SQM) --peers-python $(BENCH_VENV)/bin/python \
	  --out $(OUT)/bench-smoke --sizes 10000 --runs 1 --fast-runs 2 --no-app --event-log 6000

bench-venv: $(BENCH_VENV)/.installed

$(BENCH_VENV)/.installed: tests/bench/requirements.txt
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q -r tests/bench/requirements.txt
	touch $@

clean:
	cargo clean
	rm -rf $(OUT) ui/dist ui/node_modules

# --- fuzzing ---------------------------------------------------------------------------------
# Each target runs FUZZ_SECONDS from its seeds (tests/fixtures via fuzz/seeds); new inputs go to
# fuzz/corpus (not committed); a crash stops with the input in fuzz/artifacts — copy it to
# fuzz/regressions/<target>/ so `make test` replays it forever (tests/fuzz_regressions.rs).
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := import_csv sheet_xlsx sheet_csv ics dates
fuzz: deps-fuzz
	cd src-tauri/core/fuzz && for t in $(FUZZ_TARGETS); do \
	  mkdir -p corpus/$$t; \
	  cargo +nightly fuzz run -O $$t corpus/$$t seeds/$$t -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -timeout=20 2>&1 | tail -n 4 || exit 1; \
	done
