# Workload for real_awk.vgtest (any awk): associative arrays, split,
# gsub, sprintf, substr, toupper, a user function, numeric and string
# comparisons.
function pad(s, n) { while (length(s) < n) s = s "."; return s }
{
    n = split($0, f, /[ \t-]+/)
    words[f[1]]++
    if (n >= 3) sum[f[2]] += f[3]
    line = $0
    changes += gsub(/ka|lo/, "<&>", line)
    if (NR % 250 == 0) print NR ": " pad(substr(line, 1, 20), 24) toupper(f[2])
}
END {
    # Print in an order that does not depend on the awk's hashing.
    split("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu", g, " ")
    for (i = 1; i <= 12; i++) printf "%-8s %8d\n", g[i], sum[g[i]]
    distinct = 0
    for (w in words) { distinct++; if (words[w] > maxc || (words[w] == maxc && w < maxw)) { maxc = words[w]; maxw = w } }
    printf "lines %d distinct %d most %s x%d changes %d\n", NR, distinct, maxw, maxc, changes
}
