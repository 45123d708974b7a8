package dev.skiff.api.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a label selector into tokens the way Kubernetes' lexer does: identifiers are runs of
 * anything but whitespace and the operator characters {@code = ! ( ) , > <}; operators are the
 * longest match among {@code = == != ! ( ) , > <}; {@code in} and {@code notin} are keywords.
 */
final class LabelSelectorLexer {

    enum TokenType {
        IDENTIFIER, IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, DOES_NOT_EXIST,
        GREATER_THAN, LESS_THAN, OPEN_PAR, CLOSED_PAR, COMMA, END
    }

    /** A token and its text; the text of {@link TokenType#END} is empty. */
    record Token(TokenType type, String text) {
    }

    private final String input;
    private int position;

    private LabelSelectorLexer(String input) {
        this.input = input;
    }

    /** All tokens of {@code input}, ending with an {@link TokenType#END} token. */
    static List<Token> tokenize(String input) {
        LabelSelectorLexer lexer = new LabelSelectorLexer(input);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.type() != TokenType.END);
        return tokens;
    }

    private Token next() {
        while (position < input.length() && isWhitespace(input.charAt(position))) {
            position++;
        }
        if (position == input.length()) {
            return new Token(TokenType.END, "");
        }
        return isOperatorChar(input.charAt(position)) ? operator() : identifierOrKeyword();
    }

    private Token operator() {
        String two = input.startsWith("==", position) ? "==" : input.startsWith("!=", position) ? "!=" : null;
        if (two != null) {
            position += 2;
            return new Token(two.equals("==") ? TokenType.DOUBLE_EQUALS : TokenType.NOT_EQUALS, two);
        }
        char c = input.charAt(position++);
        TokenType type = switch (c) {
            case '=' -> TokenType.EQUALS;
            case '!' -> TokenType.DOES_NOT_EXIST;
            case '(' -> TokenType.OPEN_PAR;
            case ')' -> TokenType.CLOSED_PAR;
            case ',' -> TokenType.COMMA;
            case '>' -> TokenType.GREATER_THAN;
            default -> TokenType.LESS_THAN;
        };
        return new Token(type, String.valueOf(c));
    }

    private Token identifierOrKeyword() {
        int start = position;
        while (position < input.length() && !isOperatorChar(input.charAt(position))
                && !isWhitespace(input.charAt(position))) {
            position++;
        }
        String text = input.substring(start, position);
        TokenType type = switch (text) {
            case "in" -> TokenType.IN;
            case "notin" -> TokenType.NOT_IN;
            default -> TokenType.IDENTIFIER;
        };
        return new Token(type, text);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isOperatorChar(char c) {
        return "=!(),><".indexOf(c) >= 0;
    }
}
