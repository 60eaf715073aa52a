package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers one connection's requests (list_dbs, get_schema, transact, monitor, monitor_cancel, echo) and turns
 * database changes into "update" notifications for that connection's monitors.
 */
final class OvsdbRequestHandler implements SnapshotListener {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SimulatedOvsdbDatabase database;
    private final TransactExecutor transact;
    private final Outbox outbox;
    /** Guarded by itself; registration and notification also run under the database lock, in order. */
    private final Map<JsonNode, Monitor> monitors = new LinkedHashMap<>();

    OvsdbRequestHandler(SimulatedOvsdbDatabase database, TransactExecutor transact, Outbox outbox) {
        this.database = database;
        this.transact = transact;
        this.outbox = outbox;
    }

    void handle(JsonNode id, String method, ArrayNode params) {
        switch (method) {
            case "echo" -> outbox.sendReply(JsonRpcMessages.reply(id, params));
            case "list_dbs" -> outbox.sendReply(JsonRpcMessages.reply(id,
                    NODES.arrayNode().add(database.schema().name())));
            case "get_schema" -> withDatabase(id, method, params,
                    () -> outbox.sendReply(JsonRpcMessages.reply(id, database.schema().json())));
            case "transact" -> withDatabase(id, method, params, () -> outbox.sendReply(JsonRpcMessages.reply(id,
                    transact.execute(rest(params), database.snapshot()))));
            case "monitor" -> withDatabase(id, method, params, () -> monitor(id, params));
            case "monitor_cancel" -> cancelMonitor(id, params);
            default -> outbox.sendReply(JsonRpcMessages.errorReply(id, TextNode.valueOf("unknown method")));
        }
    }

    /** Checks that params begin with a known database name, as ovsdb-server does for every per-db method. */
    private void withDatabase(JsonNode id, String method, ArrayNode params, Runnable action) {
        if (params.isEmpty() || !params.get(0).isTextual()) {
            outbox.sendReply(JsonRpcMessages.errorReply(id, OvsdbError.syntax(params,
                    method + " request params must begin with <db-name>").toJson()));
        } else if (!params.get(0).asText().equals(database.schema().name())) {
            outbox.sendReply(JsonRpcMessages.errorReply(id, new OvsdbError("unknown database",
                    method + " request specifies unknown database " + params.get(0).asText(), params).toJson()));
        } else {
            action.run();
        }
    }

    private void monitor(JsonNode id, ArrayNode params) {
        // ovsdb-server 3.1 crashes on a monitor request without 3 params; answering beats imitating that.
        if (params.size() != 3) {
            outbox.sendReply(JsonRpcMessages.errorReply(id, TextNode.valueOf("invalid parameters")));
            return;
        }
        JsonNode monitorId = params.get(1);
        database.readConsistently(snapshot -> {
            synchronized (monitors) {
                if (monitors.containsKey(monitorId)) {
                    outbox.sendReply(JsonRpcMessages.errorReply(id,
                            OvsdbError.syntax(monitorId, "duplicate monitor ID").toJson()));
                    return null;
                }
                try {
                    Monitor monitor = Monitor.parse(monitorId, params.get(2), database.schema());
                    monitors.put(monitorId, monitor);
                    outbox.sendReply(JsonRpcMessages.reply(id, monitor.initial(snapshot)));
                } catch (RequestFailure e) {
                    outbox.sendReply(JsonRpcMessages.errorReply(id, e.error().toJson()));
                }
            }
            return null;
        });
    }

    private void cancelMonitor(JsonNode id, ArrayNode params) {
        if (params.size() != 1) {
            outbox.sendReply(JsonRpcMessages.errorReply(id, TextNode.valueOf("invalid parameters")));
            return;
        }
        boolean removed;
        synchronized (monitors) {
            removed = monitors.remove(params.get(0)) != null;
        }
        outbox.sendReply(removed ? JsonRpcMessages.reply(id, NODES.objectNode())
                : JsonRpcMessages.errorReply(id, TextNode.valueOf("unknown monitor")));
    }

    @Override
    public void onChange(DatabaseSnapshot before, DatabaseSnapshot after) {
        List<Monitor> current;
        synchronized (monitors) {
            current = new ArrayList<>(monitors.values());
        }
        for (Monitor monitor : current) {
            monitor.changes(before, after).ifPresent(updates -> outbox.sendServerMessage(
                    JsonRpcMessages.notification("update", NODES.arrayNode().add(monitor.id()).add(updates))));
        }
    }

    private static ArrayNode rest(ArrayNode params) {
        ArrayNode rest = NODES.arrayNode();
        for (int i = 1; i < params.size(); i++) {
            rest.add(params.get(i));
        }
        return rest;
    }
}
