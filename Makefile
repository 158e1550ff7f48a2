# Top-level, non-recursive build.  `./autogen.sh` writes config.mk first.
#
#   make              core, skins, vgpreload_*.so, .in_place/
#   make regtest      every .vgtest and *.t, through prove
#   make perf         the benchmark (native vs skins vs system valgrind)
#   make install PREFIX=/usr/local
#
# Build outputs live in build/ and .in_place/ only; generated files are
# never written into the source tree.

-include config.mk
ifeq ($(CONFIG_DONE),)
$(error config.mk is missing: run ./autogen.sh first)
endif

B        := build
PREFIX   ?= /usr/local
VERSION  := 0.1.0

WARN     := -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow=local
BASECFLAGS := -std=gnu11 -g -O2 -fno-strict-aliasing -fno-omit-frame-pointer \
	      -D_GNU_SOURCE $(WARN)
INCS     := -Iinclude -I$(B)/include -Icoregrind -I$(B)/coregrind $(DEP_CFLAGS)

.PHONY: all clean regtest perf install check-clean
.DELETE_ON_ERROR:

all: in-place

#--- Generated interface ---------------------------------------------------
# gen/gen-interface.pl reads toolfuncs.def once and writes whole files.

GEN_OUT := $(B)/include/vg_skin.h $(B)/coregrind/vg_skintable.h \
	   $(B)/coregrind/vg_skintable.c $(B)/coregrind/vg_exports.list
GEN_STAMP := $(B)/gen.stamp

$(GEN_STAMP): toolfuncs.def $(wildcard gen/*.pl gen/*.pm)
	@mkdir -p $(B)/include $(B)/coregrind
	perl gen/gen-interface.pl --def toolfuncs.def --out $(B)
	@touch $@
$(GEN_OUT): $(GEN_STAMP)

#--- The core ---------------------------------------------------------------

# Core modules are coregrind/m_foo.c or folders coregrind/m_foo/*.c.
CORE_SRCS := $(sort $(wildcard coregrind/*.c coregrind/m_*/*.c)) $(B)/coregrind/vg_skintable.c
CORE_ASMS := $(sort $(wildcard coregrind/*.S))
CORE_OBJS := $(patsubst %.c,$(B)/%.o,$(patsubst $(B)/%,%,$(CORE_SRCS))) \
	     $(patsubst %.S,$(B)/%.o,$(CORE_ASMS))
CORE_BIN  := $(B)/coregrind/valgrind

$(B)/coregrind/%.o: coregrind/%.c $(GEN_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(BASECFLAGS) $(CORE_CFLAGS) $(INCS) -DVG_VERSION='"$(VERSION)"' \
	  -MMD -MP -c $< -o $@
$(B)/coregrind/vg_skintable.o: $(B)/coregrind/vg_skintable.c $(GEN_STAMP)
	$(CC) $(BASECFLAGS) $(INCS) -MMD -MP -c $< -o $@
$(B)/coregrind/%.o: coregrind/%.S
	@mkdir -p $(dir $@)
	$(CC) $(INCS) -MMD -MP -c $< -o $@

# The core exports exactly the VG_() services and SK_(init_*) shims that
# toolfuncs.def declares (vg_exports.list), so a skin that calls anything
# else fails to load.
$(CORE_BIN): $(CORE_OBJS) $(B)/coregrind/vg_exports.list
	$(CC) -o $@ $(CORE_OBJS) -Wl,--dynamic-list=$(B)/coregrind/vg_exports.list \
	  $(CORE_LDFLAGS) $(DEP_LIBS) -ldl -lpthread

#--- Skins -------------------------------------------------------------------
# Each skins/NAME/Makefile.inc appends NAME to SKINS and sets NAME_SRCS
# (and optionally NAME_PRELOAD / NAME_PRELOAD_SRCS for vgpreload_NAME.so,
# below); the build picks new skins up by itself.

SKINS :=
include $(sort $(wildcard skins/*/Makefile.inc))

SKIN_CFLAGS := $(BASECFLAGS) -fPIC -Iinclude -I$(B)/include

define skin_template
$(1)_OBJS := $$(patsubst %.c,$(B)/%.o,$$($(1)_SRCS))
$(B)/skins/$(1)/%.o: skins/$(1)/%.c $(GEN_STAMP)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(SKIN_CFLAGS) $$($(1)_CFLAGS) -MMD -MP -c $$< -o $$@
$(B)/lib/vgskin_$(1).so: $$($(1)_OBJS)
	@mkdir -p $$(dir $$@)
	$$(CC) -shared -o $$@ $$($(1)_OBJS) $$($(1)_LIBS)
SKIN_SOS += $(B)/lib/vgskin_$(1).so
endef
$(foreach s,$(SKINS),$(eval $(call skin_template,$(s))))

#--- Preload libraries -------------------------------------------------------
# Code that runs in the client (include/vg_preload.h).  vgpreload_core.so
# is always built; a skin gets vgpreload_NAME.so by setting NAME_PRELOAD to
# shared pieces (malloc: vg_replace_malloc/, strmem: vgpreload/
# vg_replace_strmem.c) and/or NAME_PRELOAD_SRCS to its own sources.  They
# must be self-contained: no libc, no DT_NEEDED, no TLS, PIC whose only
# symbol relocations are against weak undefined symbols (checked by
# tests/unit/preload_libs.t); -z defs catches calls gcc invents.  Each has
# its own DT_SONAME, so that the soname pattern NONE does not match it.
# -fno-ipa-icf: identical replacements (aligned_alloc and memalign) stay
# separate functions, so that stack traces name the one called.

PRELOAD_PIECE_malloc := vg_replace_malloc/vg_replace_malloc.c
PRELOAD_PIECE_strmem := vgpreload/vg_replace_strmem.c

PRELOAD_CFLAGS  := $(BASECFLAGS) -fPIC -fvisibility=hidden -fno-plt -ffreestanding \
		   -fno-builtin -fno-tree-loop-distribute-patterns -fno-stack-protector \
		   -fno-ipa-icf -Iinclude -Ivgpreload
PRELOAD_LDFLAGS := -shared -nostdlib -Wl,-z,defs -Wl,-z,now -Wl,-z,noexecstack

$(B)/preload/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(PRELOAD_CFLAGS) -MMD -MP -c $< -o $@

# $(call preload_template,NAME,DIR): DIR/vgpreload_NAME.so from NAME's
# pieces and sources.
define preload_template
$(1)_PRELOAD_OBJS := $$(patsubst %.c,$(B)/preload/%.o,$$(foreach p,$$($(1)_PRELOAD), \
	$$(or $$(PRELOAD_PIECE_$$(p)),$$(error $(1)_PRELOAD: no preload piece '$$(p)'))) \
	$$($(1)_PRELOAD_SRCS))
$(2)/vgpreload_$(1).so: $$($(1)_PRELOAD_OBJS)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(PRELOAD_LDFLAGS) -Wl,-soname,vgpreload_$(1).so -o $$@ $$($(1)_PRELOAD_OBJS)
endef

core_PRELOAD_SRCS := vgpreload/vgpreload_core.c
PRELOAD_SOS := $(B)/lib/vgpreload_core.so
$(eval $(call preload_template,core,$(B)/lib))
$(foreach s,$(SKINS),$(if $($(s)_PRELOAD)$($(s)_PRELOAD_SRCS), \
	$(eval $(call preload_template,$(s),$(B)/lib)) \
	$(eval PRELOAD_SOS += $(B)/lib/vgpreload_$(s).so)))

#--- In-place tree ---------------------------------------------------------
# .in_place/ mirrors the installed lib/valgrind directory with symlinks, so
# ./vg-in-place --skin=NAME prog runs without installing.

INPLACE_STAMP := .in_place/.stamp
$(INPLACE_STAMP): $(CORE_BIN) $(SKIN_SOS) $(PRELOAD_SOS) coregrind/default.supp
	@mkdir -p .in_place
	@for f in $(SKIN_SOS) $(PRELOAD_SOS); do ln -sf ../$$f .in_place/; done
	@ln -sf ../$(CORE_BIN) .in_place/valgrind
	@ln -sf ../coregrind/default.supp .in_place/default.supp
	@touch $@
in-place: $(INPLACE_STAMP)

#--- Tests and benchmarks --------------------------------------------------

include tests/Makefile.inc

#--- Install ---------------------------------------------------------------

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/valgrind \
	  $(DESTDIR)$(PREFIX)/include/valgrind
	install -m 755 $(CORE_BIN) $(DESTDIR)$(PREFIX)/bin/valgrind
	install -m 755 $(SKIN_SOS) $(PRELOAD_SOS) $(DESTDIR)$(PREFIX)/lib/valgrind/
	install -m 644 coregrind/default.supp $(DESTDIR)$(PREFIX)/lib/valgrind/
	install -m 644 include/*.h $(B)/include/vg_skin.h \
	  $(DESTDIR)$(PREFIX)/include/valgrind/

clean:
	rm -rf $(B) .in_place

-include $(shell find $(B) -name '*.d' 2>/dev/null)
