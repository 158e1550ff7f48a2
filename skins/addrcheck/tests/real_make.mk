# Makefile of real_make.vgtest: eight recipes run in parallel (make -j4
# reaps them on SIGCHLD), then one that prints.
PARTS := p1 p2 p3 p4 p5 p6 p7 p8
all: $(PARTS)
	@echo done
$(PARTS):
	@:
.PHONY: all $(PARTS)
