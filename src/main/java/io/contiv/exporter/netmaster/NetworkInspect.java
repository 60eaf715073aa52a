package io.contiv.exporter.netmaster;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code /api/v1/inspect/networks/<tenant>:<network>/}. */
public record NetworkInspect(@JsonProperty("Config") Network config, @JsonProperty("Oper") NetworkOper oper) {

    public NetworkInspect {
        oper = oper == null ? NetworkOper.EMPTY : oper;
    }
}
