"""A client in another language, as a newcomer would write one.

Python with Debian's python3-zmq and python3-protobuf, the messages compiled
from proto/ with protoc at test time. It knows the services' names and the
rule for their endpoints (docs/protocol.md), nothing else: every operation it
calls, it found through Describe.

Usage: protocol_client.py PROTO_DIR DATA_DIR
(a region served by pps-region with its ipc endpoints under DATA_DIR, the
national URL pointing at a closed port so that the outbox retries).
"""
import importlib
import os
import subprocess
import sys
import tempfile
import time

import zmq
from google.protobuf import descriptor_pool, message_factory

SERVICES = ["registry", "projects", "training", "funding", "indicators", "notify"]
REPLY_MS = 5000

passed = 0
failed = 0


def ok(what):
    global passed
    passed += 1
    print("ok   " + what)


def fail(what):
    global failed
    failed += 1
    print("FAIL " + what)


def check(condition, what):
    ok(what) if condition else fail(what)
    return condition


def compile_protos(proto_dir, out_dir):
    files = sorted(f for f in os.listdir(proto_dir) if f.endswith(".proto"))
    subprocess.run(["protoc", "-I", proto_dir, "--python_out", out_dir] + files, check=True)
    sys.path.insert(0, out_dir)
    for name in files:
        importlib.import_module(name[:-len(".proto")] + "_pb2")


def message_class(full_name):
    descriptor = descriptor_pool.Default().FindMessageTypeByName(full_name)
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory().GetPrototype(descriptor)


class Service:
    """One service's ROUTER, through a DEALER, and what it says of itself."""

    def __init__(self, context, name, data_dir):
        self.name = name
        self.endpoint = "ipc://%s/%s.ipc" % (data_dir, name)
        self.socket = context.socket(zmq.DEALER)
        self.socket.setsockopt(zmq.LINGER, 0)
        self.socket.connect(self.endpoint)
        self.serial = 0
        self.description = None

    def exchange(self, payload, timeout_ms=REPLY_MS):
        """Send one frame, return the reply frame or None."""
        self.socket.send(payload)
        if self.socket.poll(timeout_ms) == 0:
            return None
        return self.socket.recv()

    def request_id(self):
        self.serial += 1
        return "py-%s-%d-%d" % (self.name, os.getpid(), self.serial)

    def describe(self):
        # Describe is common to every service: the envelope of any service
        # carries it, so the generic pps.CommonRequest is enough to ask
        request = message_class("pps.CommonRequest")(request_id=self.request_id())
        request.describe.SetInParent()
        reply = message_class("pps.CommonReply")()
        reply.ParseFromString(self.exchange(request.SerializeToString()))
        self.description = reply.description
        self.request_class = message_class(self.description.request_message)
        self.reply_class = message_class(self.description.reply_message)
        self.operations = {op.name: op for op in self.description.operations}
        return reply

    def call(self, op_name, fill=None, request_id=None, service=None, raw_fields=None):
        """Call an operation found in Describe; return the decoded reply."""
        op = self.operations[op_name]
        request = self.request_class()
        request.service = self.name if service is None else service
        request.actor = "protocol-client"
        if op.needs_request_id or request_id is not None:
            request.request_id = request_id if request_id is not None else self.request_id()
        getattr(request, op.name).SetInParent()
        if fill:
            fill(getattr(request, op.name))
        frame = self.exchange(request.SerializeToString())
        if frame is None:
            return None
        reply = self.reply_class()
        reply.ParseFromString(frame)
        return reply


def code_name(reply):
    return message_class("pps.Status").DESCRIPTOR.fields_by_name["code"].enum_type \
        .values_by_number[reply.status.code].name


# ---------------------------------------------------------------- Describe

def check_descriptions(services):
    counts = {}
    for service in services.values():
        reply = service.describe()
        d = service.description
        check(reply.status.code == 0 and d.service == service.name,
              "%s answers Describe" % service.name)
        counts[service.name] = len(d.operations)
        # What Describe says agrees with the .proto a client compiles
        envelope = service.request_class.DESCRIPTOR
        agree = True
        for op in d.operations:
            field = envelope.fields_by_name.get(op.name)
            result = service.reply_class.DESCRIPTOR.fields_by_name.get(op.result)
            if (field is None or field.number != op.field
                    or field.message_type.full_name != op.request_message
                    or (op.result and (result is None or result.number != op.result_field
                                       or result.message_type.full_name != op.reply_message))
                    or not op.summary.endswith(".")
                    or op.needs_request_id != (op.kind != 0)):
                agree = False
                print("     %s.%s disagrees with the .proto" % (service.name, op.name))
        check(agree, "%s: %d operations, each matching its .proto field, with a summary"
              % (service.name, len(d.operations)))
        limits = {limit.name: limit.value for limit in d.limits}
        check(limits.get("request_id_bytes") == 128 and limits.get("frame_bytes", 0) > 0
              and limits.get("text_bytes", 0) > 0,
              "%s tells its limits (%d)" % (service.name, len(limits)))
        check("%s.heartbeat" % service.name in d.topics and len(d.topics) > 1
              and d.events_endpoint.endswith("%s-events.ipc" % service.name),
              "%s tells its %d topics and where it publishes them"
              % (service.name, len(d.topics)))
    return counts


def check_required(services):
    """An operation's empty message is refused naming a field it declares
    required, or not refused for a missing field at all."""
    for service in services.values():
        disagreements = []
        for op in service.description.operations:
            reply = service.call(op.name)
            if reply is None:
                disagreements.append("%s: no answer" % op.name)
                continue
            invalid = reply.status.code == 3     # INVALID_ARGUMENT
            field = reply.status.field
            # A handler names a field as a dotted path, maybe from its record
            # ("project.title" for "title"); "a|b" requires one of the two
            named = [path for required in op.required for path in required.split("|")
                     if field == path or field.endswith("." + path) or path.endswith("." + field)]
            if op.required and not (invalid and named):
                disagreements.append("%s: declares %s required, its empty message got %s '%s'"
                                     % (op.name, " ".join(op.required), code_name(reply), field))
            elif not op.required and invalid and field:
                disagreements.append("%s: declares nothing required, refused for '%s': %s"
                                     % (op.name, field, reply.status.message))
        for line in disagreements:
            print("     " + line)
        check(not disagreements, "%s: every operation's required fields are the ones it refuses"
              " to go without" % service.name)


# ---------------------------------------------------------------- calls

def first_read(service):
    for op in service.description.operations:
        if op.kind == 0 and not op.required:
            return op.name
    return None


def check_reads(services):
    for service in services.values():
        name = first_read(service)
        reply = service.call(name) if name else None
        check(reply is not None and reply.status.code == 0,
              "%s: read %s answered OK" % (service.name, name))


def region_fill(m):
    m.code, m.name, m.ars_name = "32", "Hauts-de-France", "ARS Hauts-de-France"


def check_writes(services):
    """One write of each service, built from Describe's names only."""
    registry = services["registry"]
    reply = registry.call("create_region", region_fill)
    check(reply.status.code == 0, "registry: write create_region answered OK")

    def establishment(m):
        m.code, m.name, m.region_code = "PY01", "MA du client Python", "32"
        m.kind = enums("registry.EstablishmentKind", "MA")
        m.capacity, m.departement_code, m.commune = 100, "59", "Lille"
    reply = registry.call("create_establishment", establishment)
    check(reply.status.code == 0, "registry: create_establishment answered OK")
    establishment_id = reply.establishment.id

    def funder(m):
        m.name, m.region_code = "ARS Hauts-de-France", "32"
        m.kind = enums("funding.FunderKind", "FIR")
        m.level = enums("funding.FunderLevel", "REGIONAL")
    reply = services["funding"].call("create_funder", funder)
    check(reply.status.code == 0, "funding: write create_funder answered OK (%s %s)"
          % (code_name(reply), reply.status.message))

    def offer(m):
        m.title, m.region_code, m.duration_minutes = "Repérage de la crise suicidaire", "32", 420
        m.provider_kind = enums("training.ProviderKind", "IREPS")
        m.open_from.year, m.open_from.month, m.open_from.day = 2024, 1, 1
    reply = services["training"].call("create_offer", offer)
    check(reply.status.code == 0, "training: write create_offer answered OK (%s %s)"
          % (code_name(reply), reply.status.message))

    def project(m):
        m.title, m.establishment_id = "Atelier nutrition", establishment_id
        m.carrier = enums("projects.Carrier", "HEALTH_UNIT")
        m.created_on.year, m.created_on.month, m.created_on.day = 2024, 3, 1
    reply = services["projects"].call("create_project", project)
    check(reply.status.code == 0, "projects: write create_project answered OK (%s %s)"
          % (code_name(reply), reply.status.message))

    reply = services["notify"].call("run_check")
    check(reply.status.code == 0, "notify: write run_check answered OK")
    return establishment_id


def enums(full_name, value_name):
    enum = descriptor_pool.Default().FindEnumTypeByName(full_name)
    return enum.values_by_name[value_name].number


# ---------------------------------------------------------------- live events

def subscribe(context, service, topic):
    socket = context.socket(zmq.SUB)
    socket.setsockopt(zmq.LINGER, 0)
    socket.setsockopt_string(zmq.SUBSCRIBE, topic)
    socket.connect(service.description.events_endpoint)
    return socket


def await_topic(socket, prefix, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if socket.poll(int((deadline - time.monotonic()) * 1000) + 1):
            topic = socket.recv_multipart()[0].decode()
            if topic.startswith(prefix):
                return topic
    return None


def check_live_events(context, services, establishment_id):
    """Events written by a service's own actors go out live, not at the
    next heartbeat's catch-up (heartbeats are a minute apart here)."""
    registry, notify = services["registry"], services["notify"]
    raised = subscribe(context, notify, "notify.notification.raised")

    def person(m):
        m.full_name, m.region_code = "Claire Martin", "32"
        m.category = enums("registry.ProfessionalCategory", "HEALTH_PROFESSIONAL")
    person_id = registry.call("create_person", person).person.id

    def designation(m):
        m.person_id, m.establishment_id, m.region_code = person_id, establishment_id, "32"
        m.role = enums("registry.ReferentRole", "HEALTH_UNIT_REFERENT")
        m.start_date.year, m.start_date.month, m.start_date.day = 2024, 1, 1
    reply = registry.call("designate", designation)
    check(reply.status.code == 0, "registry: designate answered OK (%s %s)"
          % (code_name(reply), reply.status.message))
    time.sleep(0.3)          # the SUB socket's subscription reaches notify

    def ended(m):
        m.id = reply.designation.id
        m.end_date.year, m.end_date.month, m.end_date.day = 2024, 6, 30
        m.reason = enums("registry.EndReason", "DEPARTURE")
    answer = registry.call("end_designation", ended)
    check(answer.status.code == 0, "registry: end_designation answered OK (%s %s)"
          % (code_name(answer), answer.status.message))
    topic = await_topic(raised, "notify.notification.raised", 5)
    check(topic is not None, "notify's subscriber raised a notification, published live")

    indicators = services["indicators"]
    outbox = subscribe(context, indicators, "indicators.outbox_entry.")

    def bilan(m):
        m.region_code, m.year = "32", 2024
    time.sleep(0.3)
    reply = indicators.call("finalise_bilan", bilan)
    check(reply.status.code == 0, "indicators: finalise_bilan answered OK (%s %s)"
          % (code_name(reply), reply.status.message))
    seen = []
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not any(t != "indicators.outbox_entry.queued"
                                                  for t in seen):
        topic = await_topic(outbox, "indicators.outbox_entry.", deadline - time.monotonic())
        if topic:
            seen.append(topic)
    check("indicators.outbox_entry.queued" in seen,
          "the finalised bilan's outbox entry: queued, published live")
    check(any(t in ("indicators.outbox_entry.retried", "indicators.outbox_entry.needs_operator")
              for t in seen),
          "the outbox actor's attempt published live (%s)" % ", ".join(seen))


# ---------------------------------------------------------------- defects

def check_defects(services):
    registry, notify = services["registry"], services["notify"]

    # A request for another service is refused, naming both
    reply = notify.call("list_vacancies", service="registry")
    check(reply.status.code == 9 and "notify" in reply.status.message
          and "registry" in reply.status.message and reply.status.field == "service",
          "a request meant for registry, sent to notify, is refused: %s" % reply.status.message)
    # ... and a service operation that does not say where it goes
    reply = notify.call("list_vacancies", service="")
    check(reply.status.code == 3 and reply.status.field == "service",
          "a request without its service is refused: %s" % reply.status.message)
    # Registry's list_regions field number, in notify's envelope: what a
    # client of the wrong .proto sends; its service says registry
    request = registry.request_class(service="registry", request_id="wrong-envelope")
    request.list_regions.SetInParent()
    frame = notify.exchange(request.SerializeToString())
    answer = notify.reply_class()
    answer.ParseFromString(frame)
    check(answer.status.code == 9 and answer.request_id == "wrong-envelope",
          "registry's list_regions sent to notify runs nothing there")

    # NUL bytes: refused, naming the field, nothing written
    before = len(registry.call("list_persons").persons.items)

    def alice(m):
        m.full_name, m.region_code = "Alice\0Evil", "32"
        m.category = enums("registry.ProfessionalCategory", "HEALTH_PROFESSIONAL")
    reply = registry.call("create_person", alice)
    check(reply.status.code == 3 and reply.status.field == "create_person.full_name",
          "a NUL in full_name is refused naming it (%s '%s')"
          % (code_name(reply), reply.status.field))

    def bob(m):
        m.full_name, m.region_code = "Bob", "32"
        m.category = enums("registry.ProfessionalCategory", "HEALTH_PROFESSIONAL")
    first = registry.call("create_person", bob, request_id="nul\0A")
    second = registry.call("create_person", bob, request_id="nul\0B")
    check(first.status.code == 3 and second.status.code == 3
          and first.status.field == "request_id",
          "request ids holding a NUL are refused (%s, %s)"
          % (code_name(first), code_name(second)))
    after = len(registry.call("list_persons").persons.items)
    check(after == before, "nothing was written by the NUL requests (%d persons, %d before)"
          % (after, before))

    # A frame over the limit is answered, naming the limit, with its id
    limit = {l.name: l.value for l in registry.description.limits}["frame_bytes"]
    request = registry.request_class(service="registry", request_id="too-big")
    request.create_region.name = "x" * (limit + 1024)
    frame = registry.exchange(request.SerializeToString(), 20000)
    reply = registry.reply_class()
    if frame is not None:
        reply.ParseFromString(frame)
    check(frame is not None and reply.status.code == 8 and "frame_bytes" in reply.status.message
          and reply.request_id == "too-big",
          "a frame over frame_bytes gets an answer naming the limit, with its request id")

    # A frame that does not parse still gets its request id back
    garbage = b"\x0a\x07bad-one" + b"\xff" * 16
    frame = registry.exchange(garbage)
    reply = registry.reply_class()
    reply.ParseFromString(frame)
    check(reply.status.code == 3 and reply.request_id == "bad-one",
          "an unparseable frame is refused with its readable request id")


def main():
    proto_dir, data_dir = sys.argv[1], sys.argv[2]
    out_dir = tempfile.mkdtemp(prefix="pps-proto-py-")
    compile_protos(proto_dir, out_dir)
    context = zmq.Context()
    services = {name: Service(context, name, data_dir) for name in SERVICES}
    try:
        counts = check_descriptions(services)
        print("     operations per service: " + ", ".join(
            "%s %d" % (name, counts[name]) for name in SERVICES))
        check_required(services)
        check_reads(services)
        establishment_id = check_writes(services)
        check_live_events(context, services, establishment_id)
        check_defects(services)
    finally:
        for service in services.values():
            service.socket.close()
        context.term()
        subprocess.run(["rm", "-rf", out_dir])
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
