package dev.skiff.api.validation;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class NameValidationTest {

    @Test
    void dns1123SubdomainAcceptsDottedLowerCaseNames() {
        assertThat(NameValidation.dns1123Subdomain("web-1.example.com")).isEmpty();
        assertThat(NameValidation.dns1123Subdomain("Web")).containsExactly("a lowercase RFC 1123 subdomain must consist "
                + "of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                + "character (e.g. 'example.com', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        assertThat(NameValidation.dns1123Subdomain("a".repeat(254))).contains("must be no more than 253 characters");
    }

    @Test
    void dns1123LabelRejectsDotsWithItsOwnMessage() {
        assertThat(NameValidation.dns1123Label("my-name")).isEmpty();
        assertThat(NameValidation.dns1123Label("my.name")).containsExactly("must not contain dots");
        assertThat(NameValidation.dns1123Label("-x")).singleElement().asString()
                .startsWith("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'")
                .endsWith("(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        assertThat(NameValidation.dns1123Label("a".repeat(64))).contains("must be no more than 63 characters");
    }

    @Test
    void dns1035LabelMustStartWithALetter() {
        assertThat(NameValidation.dns1035Label("web")).isEmpty();
        assertThat(NameValidation.dns1035Label("1web")).singleElement().asString()
                .startsWith("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                        + "alphabetic character");
    }

    @Test
    void qualifiedNamesMayHaveADomainPrefix() {
        assertThat(NameValidation.qualifiedName("app.kubernetes.io/name")).isEmpty();
        assertThat(NameValidation.qualifiedName("MyName")).isEmpty();
        assertThat(NameValidation.qualifiedName("/name")).containsExactly("prefix part must be non-empty");
        assertThat(NameValidation.qualifiedName("Example.com/name")).singleElement().asString()
                .startsWith("prefix part a lowercase RFC 1123 subdomain");
        assertThat(NameValidation.qualifiedName("a/b/c")).singleElement().asString()
                .startsWith("a qualified name must consist of alphanumeric characters")
                .endsWith("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        assertThat(NameValidation.qualifiedName("x/")).contains("name part must be non-empty");
        assertThat(NameValidation.qualifiedName("a".repeat(64))).contains("name part must be no more than 63 characters");
        assertThat(NameValidation.qualifiedName("-bad")).singleElement().asString()
                .isEqualTo("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                        + "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                        + "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }

    @Test
    void labelValuesMayBeEmptyButNotLongOrOddlyShaped() {
        assertThat(NameValidation.labelValue("")).isEmpty();
        assertThat(NameValidation.labelValue("v1.2_x")).isEmpty();
        assertThat(NameValidation.labelValue("a b")).containsExactly("a valid label must be an empty string or consist "
                + "of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                + "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        assertThat(NameValidation.labelValue("a".repeat(64))).contains("must be no more than 63 characters");
    }

    @Test
    void configMapKeysAreFileNames() {
        assertThat(NameValidation.configMapKey("app.properties")).isEmpty();
        assertThat(NameValidation.configMapKey("a/b")).singleElement().asString()
                .startsWith("a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
        assertThat(NameValidation.configMapKey("..")).contains("must not be '..'");
        assertThat(NameValidation.configMapKey("..data")).contains("must not start with '..'");
    }

    @Test
    void environmentVariableNamesArePrintableAsciiWithoutEquals() {
        assertThat(NameValidation.envVarName("MY_VAR.1")).isEmpty();
        assertThat(NameValidation.envVarName("A=B")).containsExactly(
                "a valid environment variable name must consist only of printable ASCII characters other than '='");
        assertThat(NameValidation.envVarName("")).containsExactly("environment variable name must be non-empty");
    }

    @Test
    void percentages() {
        assertThat(NameValidation.percent("25%")).isEmpty();
        assertThat(NameValidation.percent("25")).containsExactly("a valid percent string must be a numeric string "
                + "followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
    }

    @Test
    void generatedNamePrefixesMayEndInADash() {
        assertThat(NameRule.DNS1123_SUBDOMAIN.validate("web-", true)).isEmpty();
        assertThat(NameRule.DNS1123_SUBDOMAIN.validate("web-", false)).isNotEmpty();
        assertThat(NameRule.DNS1035_LABEL.validate("1web-", true)).isNotEmpty();
        assertThat(NameRule.DNS1123_LABEL.validate("a.b", false)).containsExactly("must not contain dots");
    }

    /** The character checks accept exactly what Kubernetes' regular expressions do, on many short strings. */
    @Test
    void namesAreAcceptedExactlyWhenKubernetesExpressionsMatch() {
        String label = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
        Pattern dns1123Label = Pattern.compile(label);
        Pattern dns1123Subdomain = Pattern.compile(label + "(\\." + label + ")*");
        Pattern qualified = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
        String alphabet = "ab0Z-._/";
        Random random = new Random(1123);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int length = random.nextInt(7); length > 0; length--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String v = value.toString();
            assertThat(NameValidation.dns1123Label(v).isEmpty()).as("label %s", v).isEqualTo(dns1123Label.matcher(v).matches());
            assertThat(NameValidation.dns1123Subdomain(v).isEmpty()).as("subdomain %s", v)
                    .isEqualTo(dns1123Subdomain.matcher(v).matches());
            assertThat(NameValidation.labelValue(v).isEmpty()).as("label value %s", v)
                    .isEqualTo(v.isEmpty() || qualified.matcher(v).matches());
            int slash = v.indexOf('/');
            boolean qualifiedName = slash < 0 ? qualified.matcher(v).matches()
                    : v.indexOf('/', slash + 1) < 0 && dns1123Subdomain.matcher(v.substring(0, slash)).matches()
                    && qualified.matcher(v.substring(slash + 1)).matches();
            assertThat(NameValidation.qualifiedName(v).isEmpty()).as("qualified name %s", v).isEqualTo(qualifiedName);
        }
    }
}
