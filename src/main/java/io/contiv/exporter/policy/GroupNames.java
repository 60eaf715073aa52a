package io.contiv.exporter.policy;

import io.contiv.exporter.openflow.FlowMatch;
import io.contiv.exporter.openflow.MaskedValue;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Netmaster's numeric endpoint group IDs and the names they stand for, learnt from the rules themselves: a rule's ID
 * names the group its policy is attached to, and its direction says which of its two group IDs that group is
 * (the destination for {@code ...Rx}, the source for {@code ...Tx}). Used to say which groups a flow is about.
 */
public final class GroupNames {

    private final Map<Integer, String> names;

    private GroupNames(Map<Integer, String> names) {
        this.names = Map.copyOf(names);
    }

    public static GroupNames fromRules(Collection<PolicyRule> rules) {
        Map<Integer, String> names = new HashMap<>();
        for (PolicyRule rule : rules) {
            RuleName name = rule.name();
            if (name.endpointGroup().isEmpty()) {
                continue;
            }
            int id = name.groupIsDestination() ? rule.dstEndpointGroup()
                    : name.groupIsSource() ? rule.srcEndpointGroup() : 0;
            if (id != 0) {
                names.putIfAbsent(id, name.tenant() + "/" + name.endpointGroup());
            }
        }
        return new GroupNames(names);
    }

    /** {@code tenant/group}, or the bare ID when no rule named it. */
    public String name(int groupId) {
        String name = names.get(groupId);
        return name == null ? "group " + groupId : name + " (group " + groupId + ")";
    }

    /** The groups a policy-table match is about, in words, e.g. "from prod/web (group 10) to prod/db (group 20)". */
    public String describe(FlowMatch match) {
        if (match.metadata().isEmpty()) {
            return "any group to any group";
        }
        MaskedValue metadata = match.metadata().get();
        int source = ExpectedFlow.sourceGroup(metadata);
        int destination = ExpectedFlow.destinationGroup(metadata);
        return "from " + (source == 0 ? "any group" : name(source))
                + " to " + (destination == 0 ? "any group" : name(destination));
    }
}
