# prog_bash_script: bash run as the program (bash -c would do too):
# functions, recursion, arrays, associative arrays, arithmetic, loops,
# string operations, subshells, command substitution, pipes into builtins,
# here-documents and traps.  No external command runs: everything is a
# builtin or a subshell of bash itself, so each line depends only on bash.

fact() {
    local n=$1
    if (( n <= 1 )); then echo 1; else echo $(( n * $(fact $((n - 1))) )); fi
}
echo "fact 20 = $(fact 20)"

fib() {
    local a=0 b=1 i
    for (( i = 0; i < $1; i++ )); do
        local t=$((a + b)); a=$b; b=$t
    done
    echo $a
}
echo "fib 80 = $(fib 80)"

declare -a primes=()
for (( n = 2; ${#primes[@]} < 25; n++ )); do
    is_prime=1
    for p in "${primes[@]}"; do
        (( p * p > n )) && break
        (( n % p == 0 )) && { is_prime=0; break; }
    done
    (( is_prime )) && primes+=("$n")
done
echo "primes: ${primes[*]}"

declare -A count=()
text="the quick brown fox jumps over the lazy dog the end"
for w in $text; do count[$w]=$(( ${count[$w]:-0} + 1 )); done
for k in brown dog end fox jumps lazy over quick the; do printf '%s=%d ' "$k" "${count[$k]}"; done
echo

s="Hello, World"
echo "upper=${s^^} lower=${s,,} length=${#s} sub=${s:7:5} repl=${s/World/Bash}"

outer=1
( outer=2; echo "in subshell outer=$outer" )
echo "after subshell outer=$outer"

total=0
while read -r a b; do total=$((total + a * b)); done <<'DATA'
1 2
3 4
5 6
DATA
echo "heredoc total=$total"

i=0
until (( i >= 5 )); do (( i++ )); done
echo "until loop i=$i"

case "$s" in
    Hello*) echo "case matched Hello*" ;;
    *) echo "case fell through" ;;
esac

trap 'echo "EXIT trap ran"' EXIT
result=$( { echo one; echo two; echo three; } |
          { n=0; while read -r line; do n=$((n + 1)); done; echo $n; } )
echo "lines through a pipe: $result"
printf '%05.1f|%-6s|%x\n' 3.14159 ab 255
exit 0
