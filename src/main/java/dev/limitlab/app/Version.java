package dev.limitlab.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** limitlab's version, from the build (resource filtered by Maven). */
public final class Version {
    public static final String CURRENT = load();

    private Version() {
    }

    private static String load() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/limitlab.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException unreadable) {
            // fall through to "dev"
        }
        return properties.getProperty("version", "dev");
    }
}
