package dev.limitlab.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** limitlab's version, from the build (resource filtered by Maven). */
public final class Version {
    public static final String CURRENT = load();

    private Version() {
    }

    /**
     * The agent image's tag: the version, unless the system property {@code limitlab.agent.tag} names another, so
     * that two builds of limitlab with different agents can share one engine without rebuilding each other's image.
     */
    public static String agentTag() {
        return System.getProperty("limitlab.agent.tag", CURRENT);
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
