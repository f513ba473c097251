# Reads a model's answer on stdin (code, optionally in a ```python fence), runs it, and checks add(). Exit 0 = pass.
import re
import sys

answer = sys.stdin.read()
fence = re.search(r"```(?:python)?\s*\n(.*?)```", answer, re.S)
code = fence.group(1) if fence else answer
namespace = {}
exec(compile(code, "<answer>", "exec"), namespace)
assert namespace["add"](2, 3) == 5, "add(2, 3) != 5"
assert namespace["add"](-1, 1) == 0, "add(-1, 1) != 0"
