# sw: build, test, benchmark, install.
#
#   make                        release build (build/sw) and its man page (build/sw.1)
#   make test                   every test (bash scripts/test.sh)
#   make bench                  the benchmark (bash bench/run.sh)
#   sudo make install           installs into PREFIX (default /usr/local); DESTDIR is honoured
#   sudo make uninstall         removes exactly what install installed
#
# install copies what `make` built and builds nothing (so `sudo make install` does not compile
# as root). The completion scripts installed are shell/completions/, which are argument-parser's
# generated scripts (`sw --generate-completion-script SHELL`; a test keeps them up to date) and
# what `sw init SHELL` embeds.

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
# The man page's date: the last commit's, so the same sources give the same page.
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date +%F)

BUILD := build
BIN := $(DESTDIR)$(PREFIX)/bin/sw
MAN := $(DESTDIR)$(PREFIX)/share/man/man1/sw.1
BASH_COMPLETION := $(DESTDIR)$(PREFIX)/share/bash-completion/completions/sw
ZSH_COMPLETION := $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_sw
FISH_COMPLETION := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/sw.fish

.PHONY: all release man test bench install uninstall clean

all: release man

# One static executable (the flags are in Package.swift, for every `swift build -c release`).
release:
	$(SWIFT) build -c release --product sw
	mkdir -p $(BUILD)
	cp "$$($(SWIFT) build -c release --show-bin-path)/sw" $(BUILD)/sw

# Generated from the command definitions by argument-parser's generate-manual plugin; never
# edited by hand (the FILES, ENVIRONMENT, EXIT STATUS and EXAMPLES text is the root command's
# discussion, Sources/Switcher/Commands/SwitcherCommand.swift).
man: release
	$(SWIFT) package plugin generate-manual --date $(MAN_DATE)
	mkdir -p $(BUILD)
	cp .build/plugins/GenerateManual/outputs/Switcher/sw.1 $(BUILD)/sw.1

test:
	bash scripts/test.sh

bench:
	bash bench/run.sh

install:
	@test -x $(BUILD)/sw -a -f $(BUILD)/sw.1 || { echo "make install: run make first (no $(BUILD)/sw or $(BUILD)/sw.1)" >&2; exit 1; }
	install -d $(dir $(BIN)) $(dir $(MAN)) $(dir $(BASH_COMPLETION)) $(dir $(ZSH_COMPLETION)) $(dir $(FISH_COMPLETION))
	install -m 755 $(BUILD)/sw $(BIN)
	install -m 644 $(BUILD)/sw.1 $(MAN)
	install -m 644 shell/completions/sw.bash $(BASH_COMPLETION)
	install -m 644 shell/completions/_sw $(ZSH_COMPLETION)
	install -m 644 shell/completions/sw.fish $(FISH_COMPLETION)

uninstall:
	rm -f $(BIN) $(MAN) $(BASH_COMPLETION) $(ZSH_COMPLETION) $(FISH_COMPLETION)

clean:
	rm -rf $(BUILD)
