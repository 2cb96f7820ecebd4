package io.scalemesh.controlplane.validation;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.pgv.ReflectiveValidatorIndex;
import io.envoyproxy.pgv.ValidationException;
import io.envoyproxy.pgv.Validator;
import io.envoyproxy.pgv.ValidatorIndex;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Envoy's own validation rules, applied without Envoy. Envoy checks every resource it accepts with
 * the protoc-gen-validate (PGV) rules annotated on its API; the {@code envoy-validation} module
 * generates those checks as Java from the same protos. PGV does not look inside {@code Any}, where
 * Envoy keeps its typed configs (the HTTP connection manager, its filters, protocol options), so
 * this opens every {@code Any} it meets, checks what is inside and goes on looking there.
 */
public final class EnvoyValidator {
  private static final String RULES_PROTO = "validate/validate.proto";

  private final ValidatorIndex rules = new ReflectiveValidatorIndex(new MessagesWithoutRules());
  private final Map<String, Message> typedConfigs;

  /** Per message type, the fields through which an {@code Any} can be reached. */
  private final Map<Descriptor, List<FieldDescriptor>> pathsToAny = new ConcurrentHashMap<>();

  /**
   * @param typedConfigTypes every type a resource may hold in an {@code Any}; any other type is a
   *     violation, since its content could not be checked
   */
  public EnvoyValidator(Collection<? extends Message> typedConfigTypes) {
    this.typedConfigs =
        typedConfigTypes.stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    type -> typeUrl(type.getDescriptorForType()), Function.identity()));
  }

  /** The first rule {@code resource} breaks, with where; empty when Envoy would accept it. */
  public Optional<String> violation(Message resource) {
    try {
      check(resource, "");
      return Optional.empty();
    } catch (Violation violation) {
      return Optional.of(violation.getMessage());
    }
  }

  private void check(Message message, String path) throws Violation {
    try {
      rules.validatorFor(message).assertValid(message);
    } catch (ValidationException e) {
      throw new Violation(path.isEmpty() ? e.getMessage() : path + ": " + e.getMessage());
    }
    openEveryAny(message, path);
  }

  private void openEveryAny(Message message, String path) throws Violation {
    for (FieldDescriptor field :
        pathsToAny.computeIfAbsent(message.getDescriptorForType(), this::fieldsTowardsAny)) {
      if (field.isRepeated()) {
        int count = message.getRepeatedFieldCount(field);
        for (int i = 0; i < count; i++) {
          visit((Message) message.getRepeatedField(field, i), child(path, field) + "[" + i + "]");
        }
      } else if (message.hasField(field)) {
        visit((Message) message.getField(field), child(path, field));
      }
    }
  }

  private static String child(String path, FieldDescriptor field) {
    return path.isEmpty() ? field.getName() : path + "." + field.getName();
  }

  private void visit(Message message, String path) throws Violation {
    if (message instanceof Any any) {
      check(unpack(any, path), path + "(" + any.getTypeUrl() + ")");
    } else {
      openEveryAny(message, path);
    }
  }

  private Message unpack(Any any, String path) throws Violation {
    Message type = typedConfigs.get(any.getTypeUrl());
    if (type == null) {
      throw new Violation(
          path + ": a typed config of type " + any.getTypeUrl() + ", which cannot be checked");
    }
    try {
      return type.getParserForType().parseFrom(any.getValue());
    } catch (InvalidProtocolBufferException e) {
      throw new Violation(path + ": " + any.getTypeUrl() + " does not parse: " + e.getMessage());
    }
  }

  /**
   * The message-typed fields of {@code type} (map fields included: their entries are messages) from
   * which some chain of fields leads to an {@code Any}. Recursive types (matchers, Struct) are why
   * this is a fixed point over everything reachable rather than a plain recursion.
   */
  private List<FieldDescriptor> fieldsTowardsAny(Descriptor type) {
    Set<Descriptor> reachable = new HashSet<>();
    collect(type, reachable);
    Set<Descriptor> leadToAny = new HashSet<>(Set.of(Any.getDescriptor()));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Descriptor candidate : reachable) {
        if (!leadToAny.contains(candidate)
            && candidate.getFields().stream()
                .anyMatch(f -> isMessage(f) && leadToAny.contains(f.getMessageType()))) {
          grew = leadToAny.add(candidate);
        }
      }
    }
    return type.getFields().stream()
        .filter(field -> isMessage(field) && leadToAny.contains(field.getMessageType()))
        .toList();
  }

  private static void collect(Descriptor type, Set<Descriptor> reachable) {
    if (reachable.add(type)) {
      type.getFields().stream()
          .filter(EnvoyValidator::isMessage)
          .forEach(f -> collect(f.getMessageType(), reachable));
    }
  }

  private static boolean isMessage(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
  }

  private static String typeUrl(Descriptor type) {
    return "type.googleapis.com/" + type.getFullName();
  }

  /** A broken rule, thrown to stop at the first one. */
  private static final class Violation extends Exception {
    Violation(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * PGV generates validators only for files that declare rules. A message of such a file without a
   * validator means the generated code is incomplete, which must not pass as "valid".
   */
  private static final class MessagesWithoutRules implements ValidatorIndex {
    @Override
    @SuppressWarnings("unchecked")
    public <T> Validator<T> validatorFor(Class clazz) {
      FileDescriptor file = descriptorOf(clazz).getFile();
      if (file.getDependencies().stream()
          .anyMatch(dependency -> dependency.getName().equals(RULES_PROTO))) {
        throw new IllegalStateException(
            "no validator was generated for "
                + clazz.getName()
                + ", whose proto declares rules: the envoy-validation module is incomplete");
      }
      return ValidatorIndex.ALWAYS_VALID.validatorFor(clazz);
    }

    private static Descriptor descriptorOf(Class<?> clazz) {
      try {
        return (Descriptor) clazz.getMethod("getDescriptor").invoke(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            clazz.getName() + " is not a generated protobuf message", e);
      }
    }
  }
}
