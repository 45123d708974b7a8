package dev.skiff.api.selector;

import dev.skiff.api.selector.LabelSelectorLexer.Token;
import dev.skiff.api.selector.LabelSelectorLexer.TokenType;
import dev.skiff.api.selector.Requirement.Operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Parses Kubernetes' label selector syntax, e.g. {@code env=prod,tier in (cache,web),!canary},
 * following apimachinery's parser closely so that what it accepts and its error messages match.
 */
final class LabelSelectorParser {

    private final List<Token> tokens;
    private int position;

    private LabelSelectorParser(String selector) {
        this.tokens = LabelSelectorLexer.tokenize(selector);
    }

    static List<Requirement> parse(String selector) {
        return new LabelSelectorParser(selector).requirements();
    }

    private List<Requirement> requirements() {
        List<Requirement> requirements = new ArrayList<>();
        while (true) {
            Token token = peek(true);
            switch (token.type()) {
                case IDENTIFIER, DOES_NOT_EXIST -> {
                    requirements.add(requirementWithContext());
                    Token separator = next(true);
                    if (separator.type() == TokenType.END) {
                        return requirements;
                    }
                    if (separator.type() != TokenType.COMMA) {
                        throw found(separator, "',' or 'end of string'");
                    }
                    TokenType following = peek(true).type();
                    if (following != TokenType.IDENTIFIER && following != TokenType.DOES_NOT_EXIST) {
                        throw found(peek(true), "identifier after ','");
                    }
                }
                case END -> {
                    return requirements;
                }
                default -> throw found(token, "!, identifier, or 'end of string'");
            }
        }
    }

    private Requirement requirementWithContext() {
        try {
            return requirement();
        } catch (SelectorException e) {
            throw new SelectorException("unable to parse requirement: " + e.getMessage());
        }
    }

    private Requirement requirement() {
        Token token = next(true);
        boolean negated = token.type() == TokenType.DOES_NOT_EXIST;
        if (negated) {
            token = next(true);
        }
        if (token.type() != TokenType.IDENTIFIER) {
            throw found(token, "identifier");
        }
        String key = token.text();
        // Kubernetes checks the key here with no field path, hence its "<nil>: Invalid value: ...".
        Optional<String> keyError = Requirement.keyError("<nil>", key);
        if (keyError.isPresent()) {
            throw new SelectorException(keyError.get());
        }
        if (negated) {
            return Requirement.of(key, Operator.DOES_NOT_EXIST, List.of());
        }
        TokenType following = peek(true).type();
        if (following == TokenType.END || following == TokenType.COMMA) {
            return Requirement.of(key, Operator.EXISTS, List.of());
        }
        Operator operator = operator();
        SortedSet<String> values = operator == Operator.IN || operator == Operator.NOT_IN ? setValues() : exactValue();
        return Requirement.of(key, operator, List.copyOf(values));
    }

    private Operator operator() {
        Token token = next(false);
        return switch (token.type()) {
            case IN -> Operator.IN;
            case NOT_IN -> Operator.NOT_IN;
            case EQUALS, DOUBLE_EQUALS -> Operator.EQUALS;
            case NOT_EQUALS -> Operator.NOT_EQUALS;
            case GREATER_THAN -> Operator.GREATER_THAN;
            case LESS_THAN -> Operator.LESS_THAN;
            default -> throw found(token, "in, notin, =, ==, !=, gt, lt");
        };
    }

    /** {@code (a,b)}; empty entries, as in {@code ()} or {@code (a,)}, stand for the empty value. */
    private SortedSet<String> setValues() {
        Token open = next(true);
        if (open.type() != TokenType.OPEN_PAR) {
            throw new SelectorException("found '" + open.text() + "' expected: '('");
        }
        Token first = peek(true);
        switch (first.type()) {
            case IDENTIFIER, COMMA -> {
                SortedSet<String> values = valueList();
                next(true); // the ')' that valueList stopped at
                return values;
            }
            case CLOSED_PAR -> {
                next(true);
                return new TreeSet<>(List.of(""));
            }
            default -> throw found(first, "',', ')' or identifier");
        }
    }

    private SortedSet<String> valueList() {
        SortedSet<String> values = new TreeSet<>();
        while (true) {
            Token token = next(true);
            switch (token.type()) {
                case IDENTIFIER -> {
                    values.add(token.text());
                    Token following = peek(true);
                    if (following.type() == TokenType.CLOSED_PAR) {
                        return values;
                    }
                    if (following.type() != TokenType.COMMA) {
                        throw found(following, "',' or ')'");
                    }
                }
                case COMMA -> {
                    if (values.isEmpty()) {
                        values.add("");
                    }
                    TokenType following = peek(true).type();
                    if (following == TokenType.CLOSED_PAR) {
                        values.add("");
                        return values;
                    }
                    if (following == TokenType.COMMA) {
                        next(true);
                        values.add("");
                    }
                }
                default -> throw found(token, "',', or identifier");
            }
        }
    }

    private SortedSet<String> exactValue() {
        TokenType following = peek(true).type();
        if (following == TokenType.END || following == TokenType.COMMA) {
            return new TreeSet<>(List.of(""));
        }
        Token token = next(true);
        if (token.type() != TokenType.IDENTIFIER) {
            throw found(token, "identifier");
        }
        return new TreeSet<>(List.of(token.text()));
    }

    /**
     * The next token without consuming it. Where a value may stand, the keywords {@code in} and
     * {@code notin} are plain identifiers.
     */
    private Token peek(boolean valueContext) {
        Token token = tokens.get(position);
        if (valueContext && (token.type() == TokenType.IN || token.type() == TokenType.NOT_IN)) {
            return new Token(TokenType.IDENTIFIER, token.text());
        }
        return token;
    }

    private Token next(boolean valueContext) {
        Token token = peek(valueContext);
        if (token.type() != TokenType.END) {
            position++;
        }
        return token;
    }

    private static SelectorException found(Token token, String expected) {
        return new SelectorException("found '" + token.text() + "', expected: " + expected);
    }
}
