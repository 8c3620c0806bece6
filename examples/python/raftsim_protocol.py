"""Serve a Raft node to raftsim over standard input and output (docs/protocol.md, version 1).

A node's author writes only the node class; serve(NodeClass) does the rest: the hello, the read
loop, calling the node's methods, handing out its Ready when raftsim may take one, the random
numbers, and errors. Standard library only, Python 3.9 or later.

The node class raftsim talks to:

    class MyNode:
        name = "my_raft.py"          # shown in reports (default: the script's file name)
        features = []                # optional parts: "transfer", "snapshots", "membership", "reads"
        quiet_advance = False        # True only if advance() itself never produces output or draws
        extra_message_types = []     # message types of its own, beyond the contract's six
        random_per_call = 2          # how many random numbers each request carries (at most 64)

        def __init__(self, id, members, options, persisted, random): ...
        def tick(self): ...
        def step(self, message): ...
        def propose(self, command): ...   # returns {"accepted": True, "index": i, "term": t} or a refusal
        def advance(self): ...
        def take_ready(self): ...         # everything collected since the last Ready, or None

        # and, for each optional part in `features`, its method: transfer_leadership(to),
        # compact(index, data), propose_config_change(change), read(context).

Messages, entries and options are plain dictionaries with the protocol's field names. `random()`
returns the next number in [0, 1) of the node's random stream: the node's only randomness.
"""

import json
import os
import sys
import sysconfig
import traceback

PROTOCOL_VERSION = 1

# Each call of the protocol after create: the node method that handles it, the request's fields it
# takes, and whether its return value is the reply's result.
CALLS = {
    "tick": ("tick", [], False),
    "step": ("step", ["message"], False),
    "propose": ("propose", ["command"], True),
    "advance": ("advance", [], False),
    "transferLeadership": ("transfer_leadership", ["to"], True),
    "compact": ("compact", ["index", "data"], True),
    "proposeConfigChange": ("propose_config_change", ["change"], True),
    "read": ("read", ["context"], True),
}


class ProtocolError(Exception):
    """raftsim sent something this module cannot follow; the run cannot go on."""


class Connection:
    """The protocol's lines: JSON objects, one a line, on the real standard input and output."""

    def __init__(self, input_stream, output_stream):
        self.input = input_stream
        self.output = output_stream

    def send(self, message):
        # What the node wrote to standard error goes first, so that raftsim has it with the answer.
        sys.stderr.flush()
        # Compact, ASCII-only JSON (so the locale's encoding never matters), flushed at once because
        # raftsim waits for every line.
        line = json.dumps(message, separators=(",", ":"))
        self.output.write(line.encode("ascii") + b"\n")
        self.output.flush()

    def receive(self):
        """The next message from raftsim, or None once its end of the pipe is closed."""
        while True:
            line = self.input.readline()
            if not line:
                return None
            if line.strip():
                return json.loads(line)


class RandomNumbers:
    """The node's random stream, served by raftsim.

    A request carries a few numbers; the node takes them from the front, and once they run out this
    asks raftsim for one more at a time. The reply tells raftsim how many were used, and raftsim takes
    exactly that many from the stream, so the numbers the node sees depend only on the seed.
    """

    def __init__(self, connection):
        self.connection = connection
        self.numbers = []
        self.used = 0

    def start_request(self, numbers):
        self.numbers = list(numbers)
        self.used = 0

    def __call__(self):
        if self.used == len(self.numbers):
            self.numbers.extend(self.ask_for_more(1))
        number = self.numbers[self.used]
        self.used += 1
        return number

    def ask_for_more(self, count):
        self.connection.send({"type": "random", "count": count})
        answer = self.connection.receive()
        if answer is None:
            raise ProtocolError("standard input ended while waiting for random numbers")
        if answer.get("type") != "random" or len(answer.get("values", [])) != count:
            raise ProtocolError("expected %d random numbers, got %s" % (count, json.dumps(answer)[:200]))
        return answer["values"]


def error_message(error):
    """'KeyError: 4 (minimal_raft.py line 120)': the exception, and the line of the node that raised it
    (the innermost frame outside this module and Python's own library)."""
    frames = traceback.extract_tb(error.__traceback__)
    outside = [os.path.abspath(__file__), sysconfig.get_path("stdlib")]
    in_node = [frame for frame in frames if not os.path.abspath(frame.filename).startswith(tuple(outside))]
    text = "%s: %s" % (type(error).__name__, error)
    if in_node:
        text += " (%s line %d)" % (os.path.basename(in_node[-1].filename), in_node[-1].lineno)
    return text


def hello(node_class):
    message = {
        "type": "hello",
        "protocol": PROTOCOL_VERSION,
        "name": getattr(node_class, "name", os.path.basename(sys.argv[0])),
        "features": list(getattr(node_class, "features", [])),
        "quietAdvance": bool(getattr(node_class, "quiet_advance", False)),
    }
    if getattr(node_class, "extra_message_types", []):
        message["extraMessageTypes"] = list(node_class.extra_message_types)
    if hasattr(node_class, "random_per_call"):
        message["randomPerCall"] = node_class.random_per_call
    return message


class NodeHost:
    """One node, and what the protocol needs to remember about it."""

    def __init__(self, node_class, connection):
        self.node_class = node_class
        self.random = RandomNumbers(connection)
        self.node = None
        # raftsim takes one Ready at a time, as it does from a JavaScript node: once a reply has
        # carried one, whatever the node produces waits in the node until that Ready's advance.
        self.ready_in_flight = False

    def handle(self, request):
        """Carries out one request; returns the reply's fields after its id and randomUsed."""
        call = request.get("call")
        if call == "create":
            if self.node is not None:
                raise ProtocolError("create sent twice")
            config = request["node"]
            self.node = self.node_class(config["id"], config["members"], config["options"], config["persisted"], self.random)
            # A new node's first output goes with the next reply, as raftsim takes a JavaScript node's.
            return {"ready": None}
        if self.node is None:
            raise ProtocolError("%s before create" % json.dumps(call))
        if call not in CALLS:
            raise ProtocolError("unknown call %s" % json.dumps(call))
        method, fields, has_result = CALLS[call]
        result = getattr(self.node, method)(*[request[field] for field in fields])
        if call == "advance":
            self.ready_in_flight = False
        answer = {"ready": self.take_ready()}
        if has_result:
            answer["result"] = result
        return answer

    def take_ready(self):
        if self.ready_in_flight:
            return None
        ready = self.node.take_ready()
        self.ready_in_flight = ready is not None
        return ready


def serve(node_class):
    """Runs one node for raftsim until standard input ends."""
    connection = Connection(sys.stdin.buffer, sys.stdout.buffer)
    # Standard output carries the protocol alone: whatever the node prints goes to standard error,
    # which raftsim shows with a failure.
    sys.stdout = sys.stderr
    host = NodeHost(node_class, connection)
    connection.send(hello(node_class))
    while True:
        request = connection.receive()
        if request is None:
            return
        host.random.start_request(request.get("random", []))
        try:
            answer = host.handle(request)
        except Exception as error:  # a bug in the node: reported to raftsim, which fails the run
            traceback.print_exc()
            connection.send({"type": "error", "id": request.get("id"), "message": error_message(error)})
            continue
        connection.send({"type": "reply", "id": request["id"], "randomUsed": host.random.used, **answer})
