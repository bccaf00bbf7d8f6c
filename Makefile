# Makefile — builds ./sswr and its prepared fonts, runs the main job, the tests
# and the benchmark. Every target first checks the Debian packages it needs
# (tools/deps.sh installs the missing ones when run as root).

O        ?= build
PREFIX   ?= /usr/local
VERSION  := 0.1.0
PKGS      = cairo lua5.4 fribidi fontconfig freetype2 harfbuzz-subset libdeflate zlib libcmark
# Recursive (=) so pkg-config runs after `deps` has installed the packages.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lhpdf -lcsv -lm
CC       ?= cc
STD       = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror
CFLAGS   ?= -O2 -g
ASAN      = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
DEFS      = -DSSWR_VERSION='"$(VERSION)"' -DSSWR_DATADIR='"$(PREFIX)/share/sswr"'

SRC      := $(sort $(wildcard generator/*.c))
OBJ      := $(SRC:generator/%.c=$(O)/obj/%.o)
ASAN_OBJ := $(SRC:generator/%.c=$(O)/asan/%.o)
FONTDIR   = build/fonts
FONTS     = $(FONTDIR)/fonts.txt

.PHONY: all deps unit fonts report test install bench fuzz clean
all: sswr fonts

deps:
	@tools/deps.sh

sswr: $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) $(PKG_LIBS)

$(O)/obj/%.o: generator/%.c | deps
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(STD) $(CFLAGS) $(DEFS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

# Sanitizer build used by the test suite (ASan + UBSan, any report is fatal).
$(O)/asan/sswr: $(ASAN_OBJ)
	$(CC) $(ASAN) -o $@ $(ASAN_OBJ) $(PKG_LIBS)

$(O)/asan/%.o: generator/%.c | deps
	@mkdir -p $(@D)
	@echo "  CC-SAN  $<"
	@$(CC) $(STD) $(ASAN) $(DEFS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

# C unit tests: each tests/unit/test_*.c is linked with the sanitizer build
# of every module but main.c.
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(O)/asan/tests/%)
LIB_ASAN_OBJ = $(filter-out $(O)/asan/main.o,$(ASAN_OBJ))
unit: $(UNIT_BIN)
$(O)/asan/tests/%: tests/unit/%.c $(LIB_ASAN_OBJ)
	@mkdir -p $(@D)
	@echo "  CC-TEST $<"
	@$(CC) $(STD) $(ASAN) $(DEFS) $(PKG_CFLAGS) -Igenerator -o $@ $< $(LIB_ASAN_OBJ) $(PKG_LIBS)

fonts: $(FONTS)
$(FONTS): fonts/prepare.py | deps
	/usr/bin/python3 fonts/prepare.py $(FONTDIR)

# The main job: check the shipped datasets (the errors, and one line
# counting the warnings with the command that lists them), then build every
# profile in English and French, the combined reports, the charts and the
# indicator exports, all under output/YEAR/ (output/README.md lists them).
report: sswr fonts
	./sswr check --errors-only
	./sswr build --lang en,fr

test: sswr $(O)/asan/sswr fonts unit
	@SSWR=$(O)/asan/sswr SSWR_RELEASE=./sswr UNIT_DIR=$(O)/asan/tests tests/run.sh

# Installs the program, its man page, templates, scripts, prepared fonts and
# the sample datasets; the installed program finds them from its own path.
DESTDIR ?=
SHARE = $(DESTDIR)$(PREFIX)/share/sswr
install: sswr fonts
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(SHARE)/fonts
	install -m 755 sswr $(DESTDIR)$(PREFIX)/bin/sswr
	install -m 644 doc/sswr.1 $(DESTDIR)$(PREFIX)/share/man/man1/sswr.1
	rm -rf $(SHARE)/templates $(SHARE)/scripts $(SHARE)/datasets
	cp -r templates scripts $(SHARE)/
	cp -r datasets $(SHARE)/datasets && rm -rf $(SHARE)/datasets/tools
	install -m 644 $(FONTDIR)/*.ttf $(FONTDIR)/fonts.txt fonts/LICENSE-* fonts/README.md $(SHARE)/fonts/

# libFuzzer harnesses tests/fuzz/fuzz_NAME.c (tests/fuzz/README.md), built by
# tests/fuzz/run.sh with clang, ASan and UBSan against every module but main.c
# (into $(O)/fuzz), run one after the other for FUZZ_SECONDS each. New corpus
# entries and findings stay in $(O)/fuzz; any finding fails the target once
# all have run.
FUZZ_SECONDS ?= 60
FUZZERS      := $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))

fuzz: deps fonts
	@rc=0; for f in $(FUZZERS); do \
	    O=$(O) nice -n 10 tests/fuzz/run.sh $$f $(FUZZ_SECONDS) || rc=1; \
	done; exit $$rc

# The benchmark: optimised build, whole-process timings, results recorded
# in bench/README.md.
bench: sswr fonts
	bench/run.sh

clean:
	rm -rf $(O) sswr bench/out

-include $(OBJ:.o=.d) $(ASAN_OBJ:.o=.d)
