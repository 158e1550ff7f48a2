# Workload for real_python3_signals.vgtest: SIGALRM ticks from setitimer
# arrive while the interpreter computes.
import signal

ticks = [0]


def on_alarm(signum, frame):
    ticks[0] += 1


signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, 0.005, 0.005)
x = 0
while ticks[0] < 20:
    x += sum(range(100))
signal.setitimer(signal.ITIMER_REAL, 0)
print("ticks", ticks[0] >= 20)
