package dev.limitlab.cli;

import picocli.CommandLine;

/** A count on the command line, refused before any work starts when it is below its least value. */
abstract class CountConverter implements CommandLine.ITypeConverter<Integer> {
    private final int least;

    CountConverter(int least) {
        this.least = least;
    }

    @Override
    public Integer convert(String value) {
        int count;
        try {
            count = Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new CommandLine.TypeConversionException("\"" + value + "\" is not a whole number (expected " + least + " or more)");
        }
        if (count < least) {
            throw new CommandLine.TypeConversionException("\"" + value + "\" is below " + least + " (expected " + least + " or more)");
        }
        return count;
    }

    /** 0 or more: reruns. */
    static final class ZeroOrMore extends CountConverter {
        ZeroOrMore() {
            super(0);
        }
    }
}
