package dev.skiff.api.validation;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.List;

/** The sources a volume names (emptyDir, secret, hostPath, ...): a valid volume has exactly one. */
public final class VolumeSources {

    private record Source(String name, AnnotatedMember getter) {
    }

    /**
     * Every JSON property of the model's Volume but its name, found once as Jackson sees them, so a
     * source the model adds counts without a change here. Fields unknown to the model (its additional
     * properties) are not among them.
     */
    private static final List<Source> SOURCES = sources();

    private VolumeSources() {
    }

    /** The JSON names of the volume's source fields that are set. */
    public static List<String> of(Volume volume) {
        List<String> set = new ArrayList<>(1);
        for (Source source : SOURCES) {
            if (source.getter().getValue(volume) != null) {
                set.add(source.name());
            }
        }
        return set;
    }

    private static List<Source> sources() {
        BeanDescription volume = Json.MAPPER.getSerializationConfig()
                .introspect(Json.MAPPER.constructType(Volume.class));
        List<Source> sources = new ArrayList<>();
        for (BeanPropertyDefinition property : volume.findProperties()) {
            AnnotatedMember getter = property.getAccessor();
            if (getter != null && !property.getName().equals("name")) {
                getter.fixAccess(true);
                sources.add(new Source(property.getName(), getter));
            }
        }
        return List.copyOf(sources);
    }
}
