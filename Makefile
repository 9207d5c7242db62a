# tokki — set-up, build, run and test. `make run` and `make test` work on a fresh Debian 12
# machine as root: they install the Debian packages that are missing, then build with CMake.

BUILD_DIR ?= build
JOBS ?= 2
OUT_DIR ?= out
# tokki serve: the register (SQLite) and the address (loopback unless told otherwise).
DB ?= var/tokki.db
LISTEN ?= 127.0.0.1:8080

# Build dependencies (libraries found by CMake) and the tools the tests use as independent
# readers of our output.
BUILD_PKGS := cmake g++ make pkg-config libxml2-dev libicu-dev libzip-dev libre2-dev \
  libpoppler-cpp-dev libsqlite3-dev libsodium-dev libcpp-httplib-dev \
  nlohmann-json3-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev libmimalloc-dev
TEST_PKGS := libxml2-utils python3 python3-docx python3-uno pandoc poppler-utils \
  libreoffice-writer-nogui fonts-ipafont-mincho fonts-ipafont-gothic chromium
# libFuzzer comes with clang (Debian 12: clang-14, its runtime in libclang-rt-14-dev).
FUZZ_PKGS := clang libclang-rt-14-dev
# The sanitizer and fuzzing builds live apart from the release build.
SANITIZE_BUILD_DIR ?= build-sanitize
FUZZ_BUILD_DIR ?= build-fuzz
THREAD_BUILD_DIR ?= build-thread
FUZZ_SECONDS ?= 60
SANITIZE_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: all setup setup-test configure build run samples test test-sanitize test-thread fuzz-smoke bench \
  bench-all format clean

all: build

# Installs only what is missing, so that a machine already set up needs no network.
define install_missing
	@missing=$$(for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

setup:
	$(call install_missing,$(BUILD_PKGS))

setup-test: setup
	$(call install_missing,$(TEST_PKGS))
	@# Node for the browser tests: Debian's unless a node is already installed.
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm; }
	@# playwright-core, pinned by tests/browser/package-lock.json (the registry is needed once).
	@[ tests/browser/node_modules/.package-lock.json -nt tests/browser/package-lock.json ] || \
	  (cd tests/browser && npm ci --no-audit --no-fund)

configure: setup
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release

build: configure
	cmake --build $(BUILD_DIR) -j$(JOBS)

# The web server with its register: creates the first administrator when there is none
# (its password is printed this once), then serves until Ctrl+C.
run: build
	@$(BUILD_DIR)/tokki users init-admin --db $(DB)
	@echo
	@echo "ログイン (Cookie と CSRF トークン):"
	@echo "  curl -c cookies.txt -d name=admin -d password=PASSWORD http://$(LISTEN)/login"
	@echo "スクリプト用の API トークン:"
	@echo "  $(BUILD_DIR)/tokki users token admin --db $(DB)"
	@echo "  curl -H 'Authorization: Bearer TOKEN' http://$(LISTEN)/api/clauses"
	@echo "利用者の追加: $(BUILD_DIR)/tokki users add NAME --role officer|reviewer|legal|admin --db $(DB)"
	@echo
	$(BUILD_DIR)/tokki serve --listen $(LISTEN) --db $(DB)

# Assemble every sample contract profile.
samples: build
	@rm -rf $(OUT_DIR)/samples
	$(BUILD_DIR)/tokki assemble --batch samples/profiles.jsonl -o $(OUT_DIR)/samples
	$(BUILD_DIR)/tokki assemble --batch samples/profiles.jsonl --format html -o $(OUT_DIR)/samples
	@echo
	@echo "Annexes written to $(OUT_DIR)/samples/:"
	@ls -1 $(OUT_DIR)/samples | sed 's/^/  /'
	@echo
	@echo "Try: $(BUILD_DIR)/tokki assemble --type outsourcing --date 令和5年4月1日 \\"
	@echo "       --set contractor=株式会社サンプル --set contract_title=窓口業務委託 --format txt -o -"

test: setup-test build
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)

# The whole test suite (unit, integration, hostile inputs) on a build with AddressSanitizer
# and UndefinedBehaviorSanitizer: any report fails the test that triggered it.
test-sanitize: setup-test
	cmake -S . -B $(SANITIZE_BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DTOKKI_SANITIZE=address,undefined -DTOKKI_BUILD_BENCH=OFF
	cmake --build $(SANITIZE_BUILD_DIR) -j$(JOBS)
	cd $(SANITIZE_BUILD_DIR) && $(SANITIZE_ENV) ctest --output-on-failure -j$(JOBS)

# The tests of what tokki check runs on several threads (patterns compiled on first use from
# any thread, documents read while the rules load, --jobs N) on a ThreadSanitizer build: any
# report fails the test. The server's tests are left out: cpp-httplib is not instrumented, so
# TSan cannot see its synchronisation, and its Stop tests time real requests.
THREAD_TESTS := PatternSetTest|CheckTest|AtomMatcherTest|integration_check|integration_corpus
test-thread: setup-test
	cmake -S . -B $(THREAD_BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DTOKKI_SANITIZE=thread -DTOKKI_BUILD_BENCH=OFF
	cmake --build $(THREAD_BUILD_DIR) -j$(JOBS) --target tokki tokki_tests
	cd $(THREAD_BUILD_DIR) && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  ctest --output-on-failure -j$(JOBS) -R '$(THREAD_TESTS)'

# Each libFuzzer target of fuzz/ for FUZZ_SECONDS from seeds made of the test files.
fuzz-smoke: setup
	$(call install_missing,$(FUZZ_PKGS))
	cmake -S . -B $(FUZZ_BUILD_DIR) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DTOKKI_FUZZ=ON -DTOKKI_SANITIZE=address,undefined -DTOKKI_BUILD_TESTS=OFF \
	  -DTOKKI_BUILD_BENCH=OFF
	cmake --build $(FUZZ_BUILD_DIR) -j$(JOBS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run_smoke.sh $(FUZZ_BUILD_DIR)

bench: build
	bench/assemble_vs_python_docx.sh

# bench/run: tokki against every baseline of issue #7 in one table (bench/README.md). Installs
# the baselines it lacks (Debian packages; npm packages pinned by bench/package-lock.json, into
# bench/.baselines). BENCH_ARGS=--quick checks the harness in a few minutes.
BENCH_ARGS ?=
bench-all: build
	bench/run --build $(BUILD_DIR) $(BENCH_ARGS)

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_BUILD_DIR) $(THREAD_BUILD_DIR) $(FUZZ_BUILD_DIR) $(OUT_DIR)
