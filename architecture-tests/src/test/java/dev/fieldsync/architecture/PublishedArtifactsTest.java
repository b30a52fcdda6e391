package dev.fieldsync.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM (dev.fieldsync:fieldsync-bom) pins every published module at the project's version: a module added to
 * the build and forgotten in the BOM, or a version bumped in one place only, fails here.
 */
class PublishedArtifactsTest {
    /** Modules of the build that are not artifacts someone builds against. */
    private static final Set<String> NOT_PUBLISHED = Set.of("bom", "benchmarks", "examples");

    private static final Path ROOT = Path.of("..");

    @Test
    void theBomPinsEveryPublishedModuleAtTheProjectsVersion() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("bom/pom.xml"));

        Set<String> published = new TreeSet<>(texts(parent, "module"));
        published.removeAll(NOT_PUBLISHED);
        Set<String> pinned = new TreeSet<>(managedArtifacts(bom));

        assertThat(published).as("modules of the build").contains("domain", "ports", "adapters-vertx");
        assertThat(pinned).as("artifacts the BOM pins").isEqualTo(published);
        assertThat(projectVersion(bom)).as("the BOM's version").isEqualTo(projectVersion(parent));
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static List<String> texts(Document pom, String tag) {
        NodeList nodes = pom.getElementsByTagName(tag);
        return IntStream.range(0, nodes.getLength())
                .mapToObj(i -> nodes.item(i).getTextContent().trim())
                .toList();
    }

    private static List<String> managedArtifacts(Document bom) {
        NodeList dependencies = bom.getElementsByTagName("dependency");
        return IntStream.range(0, dependencies.getLength())
                .mapToObj(i -> ((Element) dependencies.item(i))
                        .getElementsByTagName("artifactId")
                        .item(0)
                        .getTextContent()
                        .trim())
                .toList();
    }

    private static String projectVersion(Document pom) {
        Element project = pom.getDocumentElement();
        NodeList children = project.getChildNodes();
        return IntStream.range(0, children.getLength())
                .mapToObj(children::item)
                .filter(node -> node.getNodeName().equals("version"))
                .map(node -> node.getTextContent().trim())
                .findFirst()
                .orElseThrow();
    }
}
