package org.saphan.catalog.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Finds the first difference between two XML documents. Elements and attributes compare by
 * namespace and local name (prefixes do not matter), attribute order does not matter, comments are
 * ignored, whitespace-only text between elements is ignored and other text is compared with its
 * leading and trailing whitespace removed.
 */
final class XmlDiff {

  private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
  private static final int MAX_SHOWN_LENGTH = 80;

  private XmlDiff() {}

  /** "at /a/b[2]: expected ..., found ...", or empty when the documents are equal. */
  static Optional<String> firstDifference(Document expected, Document actual) {
    return compare(
        "/" + expected.getDocumentElement().getNodeName(),
        expected.getDocumentElement(),
        actual.getDocumentElement());
  }

  private static Optional<String> compare(String path, Element expected, Element actual) {
    if (!sameName(expected, actual)) {
      return Optional.of(
          "at " + path + ": expected element " + name(expected) + ", found " + name(actual));
    }
    TreeMap<String, String> expectedAttributes = attributes(expected);
    TreeMap<String, String> actualAttributes = attributes(actual);
    for (var attribute : expectedAttributes.entrySet()) {
      String found = actualAttributes.get(attribute.getKey());
      if (!attribute.getValue().equals(found)) {
        return Optional.of(
            "at "
                + path
                + "/@"
                + attribute.getKey()
                + ": expected '"
                + shorten(attribute.getValue())
                + "', found "
                + (found == null ? "nothing" : "'" + shorten(found) + "'"));
      }
    }
    for (String attribute : actualAttributes.keySet()) {
      if (!expectedAttributes.containsKey(attribute)) {
        return Optional.of(
            "at " + path + "/@" + attribute + ": expected nothing, found an attribute");
      }
    }
    List<Node> expectedChildren = children(expected);
    List<Node> actualChildren = children(actual);
    for (int i = 0; i < Math.min(expectedChildren.size(), actualChildren.size()); i++) {
      Node expectedChild = expectedChildren.get(i);
      Node actualChild = actualChildren.get(i);
      String childPath = childPath(path, expectedChildren, i);
      if (expectedChild instanceof Element expectedElement) {
        if (!(actualChild instanceof Element actualElement)) {
          return Optional.of(
              "at " + childPath + ": expected element, found text '" + text(actualChild) + "'");
        }
        Optional<String> difference = compare(childPath, expectedElement, actualElement);
        if (difference.isPresent()) {
          return difference;
        }
      } else if (actualChild instanceof Element actualElement) {
        return Optional.of(
            "at "
                + path
                + ": expected text '"
                + text(expectedChild)
                + "', found element "
                + name(actualElement));
      } else if (!text(expectedChild).equals(text(actualChild))) {
        return Optional.of(
            "at "
                + path
                + ": expected text '"
                + text(expectedChild)
                + "', found '"
                + text(actualChild)
                + "'");
      }
    }
    if (expectedChildren.size() != actualChildren.size()) {
      return Optional.of(
          "at "
              + path
              + ": expected "
              + expectedChildren.size()
              + " child nodes, found "
              + actualChildren.size());
    }
    return Optional.empty();
  }

  private static boolean sameName(Node expected, Node actual) {
    return Objects.equals(expected.getNamespaceURI(), actual.getNamespaceURI())
        && Objects.equals(localName(expected), localName(actual));
  }

  private static String localName(Node node) {
    return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
  }

  private static String name(Node node) {
    return node.getNamespaceURI() == null
        ? localName(node)
        : "{" + node.getNamespaceURI() + "}" + localName(node);
  }

  private static TreeMap<String, String> attributes(Element element) {
    TreeMap<String, String> attributes = new TreeMap<>();
    NamedNodeMap all = element.getAttributes();
    for (int i = 0; i < all.getLength(); i++) {
      Attr attribute = (Attr) all.item(i);
      if (!XMLNS.equals(attribute.getNamespaceURI())) {
        attributes.put(name(attribute), attribute.getValue());
      }
    }
    return attributes;
  }

  private static List<Node> children(Element element) {
    element.normalize();
    List<Node> children = new ArrayList<>();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      switch (child.getNodeType()) {
        case Node.ELEMENT_NODE -> children.add(child);
        case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
          if (!child.getNodeValue().isBlank()) {
            children.add(child);
          }
        }
        default -> {
          // Comments and processing instructions carry no data.
        }
      }
    }
    return children;
  }

  private static String childPath(String path, List<Node> siblings, int index) {
    Node child = siblings.get(index);
    int position = 0;
    int count = 0;
    for (int i = 0; i < siblings.size(); i++) {
      if (siblings.get(i) instanceof Element && sameName(siblings.get(i), child)) {
        count++;
        if (i <= index) {
          position++;
        }
      }
    }
    String step = path + "/" + child.getNodeName();
    return count > 1 ? step + "[" + position + "]" : step;
  }

  private static String text(Node node) {
    return shorten(node.getNodeValue() == null ? "" : node.getNodeValue().strip());
  }

  private static String shorten(String text) {
    return text.length() <= MAX_SHOWN_LENGTH ? text : text.substring(0, MAX_SHOWN_LENGTH) + "...";
  }
}
