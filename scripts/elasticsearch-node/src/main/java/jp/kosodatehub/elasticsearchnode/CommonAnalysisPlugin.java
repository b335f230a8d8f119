package jp.kosodatehub.elasticsearchnode;

import java.util.Map;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The analysis-common components kosodate-hub's mappings use (Elastic's analysis-common module is not on
 * Maven Central for Elasticsearch 8): the same Lucene classes with the module's defaults.
 *
 * <ul>
 *   <li>{@code whitespace} tokenizer: Lucene WhitespaceTokenizer (max token length 255);</li>
 *   <li>{@code lowercase}: LowerCaseFilter (no language option);</li>
 *   <li>{@code cjk_width}: CJKWidthFilter;</li>
 *   <li>{@code cjk_bigram}: CJKBigramFilter over han, hiragana, katakana and hangul, no unigrams
 *       ({@code output_unigrams} and {@code ignored_scripts} are not supported here);</li>
 *   <li>{@code porter_stem}: PorterStemFilter (English pages' sub-fields).</li>
 * </ul>
 */
public class CommonAnalysisPlugin extends Plugin implements AnalysisPlugin {

    public static TokenFilterFactory filter(final String name, final java.util.function.UnaryOperator<TokenStream> f) {
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public TokenStream create(final TokenStream tokenStream) {
                return f.apply(tokenStream);
            }

            @Override
            public TokenStream normalize(final TokenStream tokenStream) {
                return "cjk_bigram".equals(name) || "porter_stem".equals(name) ? tokenStream : f.apply(tokenStream);
            }
        };
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("whitespace",
                (indexSettings, env, name, settings) -> TokenizerFactory.newFactory(name, WhitespaceTokenizer::new));
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
                "lowercase", (indexSettings, env, name, settings) -> filter(name, LowerCaseFilter::new),
                "cjk_width", (indexSettings, env, name, settings) -> filter(name, CJKWidthFilter::new),
                "cjk_bigram", (indexSettings, env, name, settings) -> filter(name, CJKBigramFilter::new),
                "porter_stem", (indexSettings, env, name, settings) -> filter(name, PorterStemFilter::new));
    }
}
