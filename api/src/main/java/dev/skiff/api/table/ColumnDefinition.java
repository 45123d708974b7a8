package dev.skiff.api.table;

/**
 * One {@code meta.k8s.io/v1} {@code TableColumnDefinition}. Names are as Kubernetes spells them
 * ("Name", "Up-to-date", "Port(s)"); kubectl upper-cases them when printing. Priority 0 columns are
 * always shown, priority 1 only with {@code -o wide}.
 *
 * @param name        column title
 * @param type        OpenAPI type: "string", "integer", "number", "boolean" or "date"
 * @param format      OpenAPI format hint, "name" for the column holding the object's name, else ""
 * @param description human-readable description
 * @param priority    0 for the default view, 1 and above for wide views
 */
public record ColumnDefinition(String name, String type, String format, String description, int priority) {

    static ColumnDefinition nameColumn() {
        return new ColumnDefinition("Name", "string", "name", Descriptions.NAME, 0);
    }

    static ColumnDefinition ageColumn() {
        return new ColumnDefinition("Age", "string", "", Descriptions.CREATION_TIMESTAMP, 0);
    }

    static ColumnDefinition string(String name, String description) {
        return new ColumnDefinition(name, "string", "", description, 0);
    }

    static ColumnDefinition integer(String name, String description) {
        return new ColumnDefinition(name, "integer", "", description, 0);
    }

    /** The same column shown only with {@code -o wide}. */
    ColumnDefinition wide() {
        return new ColumnDefinition(name, type, format, description, 1);
    }
}
