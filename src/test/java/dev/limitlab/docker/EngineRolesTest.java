package dev.limitlab.docker;

import org.junit.jupiter.api.Test;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The roles are what a second engine (Swarm, say) implements: nothing of docker-java may show through them. */
class EngineRolesTest {
    private static final List<Class<?>> ROLES = List.of(Containers.class, EngineStreams.class, Images.class,
            Inventory.class, Forensics.class, EngineIdentity.class);

    @Test
    void theAggregateIsEveryRoleAndAConnectionToClose() {
        Set<Class<?>> expected = new HashSet<>(ROLES);
        expected.add(AutoCloseable.class);
        assertEquals(expected, Set.of(DockerGateway.class.getInterfaces()));
    }

    @Test
    void noRoleNorTheAggregateExposesADockerJavaType() {
        List<String> exposed = new ArrayList<>();
        for (Class<?> role : Stream.concat(ROLES.stream(), Stream.of(DockerGateway.class)).toList()) {
            for (Method method : role.getMethods()) {
                List<Type> signature = new ArrayList<>(List.of(method.getGenericParameterTypes()));
                signature.add(method.getGenericReturnType());
                signature.addAll(List.of(method.getGenericExceptionTypes()));
                Set<Class<?>> seen = new HashSet<>();
                signature.forEach(type -> collect(type, seen));
                seen.stream().filter(EngineRolesTest::isDockerJava)
                        .forEach(type -> exposed.add(role.getSimpleName() + "." + method.getName() + ": " + type.getName()));
            }
        }
        assertEquals(List.of(), exposed);
    }

    /** Every class a type is made of, through type arguments, arrays and the components of records. */
    private static void collect(Type type, Set<Class<?>> seen) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                collect(c.getComponentType(), seen);
            } else if (seen.add(c) && c.isRecord()) {
                for (RecordComponent component : c.getRecordComponents()) {
                    collect(component.getGenericType(), seen);
                }
            }
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), seen);
            Stream.of(p.getActualTypeArguments()).forEach(argument -> collect(argument, seen));
        } else if (type instanceof GenericArrayType array) {
            collect(array.getGenericComponentType(), seen);
        } else if (type instanceof WildcardType wildcard) {
            Stream.of(wildcard.getUpperBounds()).forEach(bound -> collect(bound, seen));
            Stream.of(wildcard.getLowerBounds()).forEach(bound -> collect(bound, seen));
        }
    }

    private static boolean isDockerJava(Class<?> type) {
        return type.getName().startsWith("com.github.dockerjava.");
    }
}
