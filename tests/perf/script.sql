-- The sqlite workload of tests/perf/vg_perf: sqlite3 :memory: < script.sql
-- Builds a 100000-row table and a 1000-row one, indexes them, then runs an
-- aggregate join and a self-join.  Keep it equivalent to the workload the
-- anchors in docs/performance.md were measured with.
CREATE TABLE t(id INTEGER PRIMARY KEY, grp INTEGER, val INTEGER, name TEXT);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 100000)
INSERT INTO t SELECT x, x % 1000, (x * 7919) % 100003, 'name' || x FROM c;
CREATE TABLE g(grp INTEGER PRIMARY KEY, label TEXT);
WITH RECURSIVE c(x) AS (SELECT 0 UNION ALL SELECT x+1 FROM c WHERE x < 999)
INSERT INTO g SELECT x, 'label' || (x % 37) FROM c;
CREATE INDEX t_val ON t(val);
CREATE INDEX t_grp ON t(grp);
SELECT g.label, count(*), sum(t.val), avg(length(t.name))
  FROM t JOIN g ON t.grp = g.grp
  WHERE t.val > 1000 GROUP BY g.label ORDER BY 2 DESC LIMIT 5;
SELECT count(*) FROM t a JOIN t b ON a.val = b.id WHERE a.grp < 500;
