package dev.limitlab.cli;

import dev.limitlab.app.Version;
import picocli.CommandLine;

/** {@code --version}: limitlab's version. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"limitlab " + Version.CURRENT};
    }
}
