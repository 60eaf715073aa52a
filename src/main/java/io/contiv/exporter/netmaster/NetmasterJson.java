package io.contiv.exporter.netmaster;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.contiv.exporter.Failures;
import java.io.IOException;
import java.util.List;

/**
 * Reads netmaster's JSON bodies. Unknown fields are ignored and missing ones are null (netmaster omits empty
 * fields), but a body of the wrong shape is an error with the URL in its message.
 */
public final class NetmasterJson {

    private static final TypeReference<List<Network>> NETWORKS = new TypeReference<>() { };
    private static final TypeReference<List<Tenant>> TENANTS = new TypeReference<>() { };
    private static final TypeReference<List<EndpointGroup>> GROUPS = new TypeReference<>() { };

    private final ObjectMapper mapper;

    public NetmasterJson() {
        JsonMapper.Builder builder = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper = builder.build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(1 << 20)
                .build());
    }

    public List<Network> networks(byte[] body, String source) throws NetmasterException {
        return nonNullList(read(body, source, NETWORKS), source);
    }

    public NetworkInspect inspect(byte[] body, String source) throws NetmasterException {
        NetworkInspect inspect = read(body, source, new TypeReference<NetworkInspect>() { });
        if (inspect == null || inspect.config() == null) {
            throw new NetmasterException(source + ": inspect reply has no Config");
        }
        return inspect;
    }

    /** An endpoint's inspect; one without an endpoint ID is an error. */
    public EndpointOper endpointInspect(byte[] body, String source) throws NetmasterException {
        EndpointInspect inspect = read(body, source, new TypeReference<EndpointInspect>() { });
        if (inspect == null || inspect.oper() == null || inspect.oper().endpointId() == null
                || inspect.oper().endpointId().isEmpty()) {
            throw new NetmasterException(source + ": endpoint inspect reply has no Oper.endpointID");
        }
        return inspect.oper();
    }

    public List<Tenant> tenants(byte[] body, String source) throws NetmasterException {
        return nonNullList(read(body, source, TENANTS), source);
    }

    public List<EndpointGroup> endpointGroups(byte[] body, String source) throws NetmasterException {
        return nonNullList(read(body, source, GROUPS), source);
    }

    private <T> T read(byte[] body, String source, TypeReference<T> type) throws NetmasterException {
        try {
            if (isBlank(body)) {
                throw new NetmasterException(source + ": empty body");
            }
            // straight into the records: a tree first would hold every inspected endpoint twice
            return mapper.readerFor(type).readValue(body);
        } catch (IOException | IllegalArgumentException e) {
            throw new NetmasterException(source + ": malformed JSON: " + Failures.describe(e), e);
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static <T> List<T> nonNullList(List<T> list, String source) throws NetmasterException {
        if (list == null) {
            throw new NetmasterException(source + ": expected a JSON list, got null");
        }
        return list.stream().filter(item -> item != null).toList();
    }
}
