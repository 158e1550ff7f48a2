# The python workload of tests/perf/vg_perf: an interpreter loop of a
# million iterations over a small dict.  Keep it equivalent to the workload
# the anchors in docs/performance.md were measured with.
d = {}
s = 0
for i in range(1000000):
    k = i % 1013
    d[k] = d.get(k, 0) + i
    s += (i * i) % 7
print(s, len(d), sum(d.values()))
