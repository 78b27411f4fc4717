# Recouvra — the two commands: `make run` and `make test`.
# Everything a fresh machine lacks is installed from here (see deps).

TEMPORAL_CLI_VERSION := v1.5.1
GO ?= go
export PATH := $(CURDIR)/bin:$(PATH)

.PHONY: run test bench fuzz deps build clean

## run: start Temporal dev server, worker, API, back-office and demo data (state in ./.data)
run: bin/temporal
	$(GO) run ./cmd/recouvra dev

## test: the whole test suite, on real Temporal, PostgreSQL, SMTP, PDFs and browser
test: bin/temporal deps
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...

## bench: speed and memory targets (RECOUVRA_BENCH_CASES=N sizes the Temporal ones)
bench: bin/temporal
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m $$($(GO) list ./... | grep -v -e /internal/app$$ -e /api/backoffice$$)
	$(GO) test -run '^$$' -bench . -benchtime 1x -timeout 60m ./internal/app/ ./api/backoffice/

## fuzz: run each parser's fuzz test for longer than make test does
FUZZTIME ?= 60s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s $$pkg || exit 1; \
	  done; \
	done

## build: the recouvra binary in ./bin
build:
	$(GO) build -o bin/recouvra ./cmd/recouvra

# The Temporal CLI (dev server + Web UI), built from the Go module proxy with
# its own go.mod: it must not share this module's dependency versions.
bin/temporal:
	GOBIN=$(CURDIR)/bin $(GO) install github.com/temporalio/cli/cmd/temporal@$(TEMPORAL_CLI_VERSION)

# Debian packages the tests use: pdftotext/pdfinfo to read PDFs back, and
# chromium for the back-office browser tests.
DEB_PACKAGES := poppler-utils chromium fonts-dejavu-core
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf bin .data
